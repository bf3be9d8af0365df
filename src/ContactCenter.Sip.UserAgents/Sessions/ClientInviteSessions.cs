using System.Net;
using ContactCenter.Sdp.OfferAnswer;
using ContactCenter.Sessions;
using ContactCenter.Sip.Syntax;
using ContactCenter.Sip.Transactions;
using ContactCenter.Sip.Transport;
using ContactCenter.Sip.UserAgents.Dialogs;
using ContactCenter.Sip.UserAgents.Registration;
using Microsoft.Extensions.Logging;

namespace ContactCenter.Sip.UserAgents.Sessions;

/// <summary>
/// The client side of the session layer: places legs in call terms. An extension is rung on every contact it has
/// registered (the address its REGISTER came from, over the same transport); an outside number goes to the carrier
/// trunk, whose digest challenges are answered with <see cref="SessionLayerSettings.TrunkCredentials"/> (<see cref="TrunkChallenges"/>). Our INVITE offers the engine's media and our session timer (RFC 4028 §7.1); what follows reaches the engine
/// as leg events (<see cref="ClientLegSession"/>).
/// </summary>
public sealed class ClientInviteSessions(DialogManager dialogs, SipTransactionLayer transactions, ISipTransport transport, LocationService locations,
    SessionLayerSettings settings, LegDirectory directory, TimeProvider time, ILogger<ClientInviteSessions> logger, IBranchMediaGateway? branchMedia = null)
{
    /// <summary>
    /// Starts ringing <see cref="LegOffer.Target"/> with <see cref="LegOffer.Media"/> (required: we place no late
    /// offers); the answered leg's in-dialog requests are served here and reach the engine as leg events.
    /// </summary>
    /// <returns>The leg, at once; its ringing, answer or end follow on <paramref name="events"/> (never before this returns).</returns>
    public ClientLegSession Offer(LegOffer offer, ILegEvents events)
    {
        ArgumentNullException.ThrowIfNull(offer);
        ArgumentNullException.ThrowIfNull(events);
        if (offer.Media is null)
        {
            throw new ArgumentException("The legs we place carry our offer (no late offers).", nameof(offer));
        }

        var id = offer.CallId.ToString("N")[..8] + "/" + offer.Target.Number;
        // A leg on the trunk answers the carrier's digest challenges with the trunk credentials (its own nonce count).
        var trunk = offer.Target.IsExtension ? null : settings.FindTrunk(offer.Target.Trunk);
        var challenges = trunk is not null && settings.CredentialsFor(trunk, offer.Target.Trunk) is { } credentials ? new TrunkChallenges(credentials.NewSession()) : null;
        var leg = new ClientLegSession(id, dialogs, events, offer.Media, directory, time, settings.SessionTimers,
            (ex, what) => logger.SessionSendFailed(ex, id, what), challenges);
        _ = StartAsync(leg, offer);
        return leg;
    }

    /// <summary>
    /// How a leg to <paramref name="target"/> protects its media: an extension that must use TLS and SRTP gets RTP/SAVP
    /// only; an extension whose phones all registered over TLS gets SRTP keys beside plain RTP (RFC 4568: SDES keys go
    /// only where the signalling is encrypted); a trunk that requires TLS and SRTP gets RTP/SAVP only; anyone else plain
    /// RTP. Browser contacts (WebSocket) do not count: their branches get media of their own (<see cref="IBranchMediaGateway"/>:
    /// DTLS-SRTP toward the browser, plain RTP on the internal hop to the adapter). So an extension that must use TLS and
    /// SRTP and is registered from browsers only (over WSS: the browser registrar refuses plain WS for it) gets plain RTP
    /// toward the adapters.
    /// </summary>
    public SdpSrtpMode MediaSecurity(LegTarget target)
    {
        ArgumentNullException.ThrowIfNull(target);
        if (!target.IsExtension)
        {
            return settings.FindTrunk(target.Trunk) is { RequireTlsAndSrtp: true, Transport: SipTransportProtocol.Tls } ? SdpSrtpMode.Require : SdpSrtpMode.Off;
        }

        var contacts = locations.Lookup(target.Number);
        var phones = contacts.Where(p => SipEndPoint.ParseTransport(p.Source.Transport) is not (SipTransportProtocol.Ws or SipTransportProtocol.Wss)).ToList();
        if (settings.SecureExtension(target.Number))
        {
            return phones.Count == 0 && contacts.Count > 0 ? SdpSrtpMode.Off : SdpSrtpMode.Require;
        }

        return phones.Count > 0 && phones.All(p => string.Equals(p.Source.Transport, "TLS", StringComparison.OrdinalIgnoreCase))
            ? SdpSrtpMode.Allow
            : SdpSrtpMode.Off;
    }

    /// <summary>The audio formats of a leg to <paramref name="target"/>: the trunk's codec list for an outside number; else the default (empty).</summary>
    public IReadOnlyList<string> MediaCodecs(LegTarget target)
    {
        ArgumentNullException.ThrowIfNull(target);
        return target.IsExtension ? [] : settings.FindTrunk(target.Trunk)?.Codecs ?? [];
    }

    /// <summary>
    /// Whether a leg to <paramref name="target"/> names the public media address: the trunk's listener (its transport) has a
    /// public address, or for an extension any of its phones registered through such a listener.
    /// </summary>
    public bool PublicMediaAddress(LegTarget target)
    {
        ArgumentNullException.ThrowIfNull(target);
        if (!target.IsExtension)
        {
            return settings.FindTrunk(target.Trunk) is not { } trunk || settings.PublicMedia(trunk.Transport);
        }

        var transports = locations.Lookup(target.Number).Select(p => SipEndPoint.ParseTransport(p.Source.Transport)).OfType<SipTransportProtocol>().ToList();
        return transports.Count == 0 || transports.Exists(t => settings.PublicMedia(t));
    }

    private async Task StartAsync(ClientLegSession leg, LegOffer offer)
    {
        await Task.Yield();
        try
        {
            await RingAsync(leg, offer).ConfigureAwait(false);
        }
#pragma warning disable CA1031 // A bug in one leg ends that leg (the engine hears why), never the session layer.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            logger.SessionSendFailed(ex, leg.Id, "INVITE");
            leg.Fail("session layer error");
        }
    }

    private async Task RingAsync(ClientLegSession leg, LegOffer offer)
    {
        var branches = new List<ClientInviteTransaction>();
        var display = offer.Target.IsExtension ? offer.CallerNumber : null;
        foreach (var (target, destination) in Contacts(offer.Target))
        {
            // A contact that takes other media (a browser: WebRTC) gets its own offer through an adapter of the host's.
            var available = true;
            var media = branchMedia?.Open(offer.Media!, destination, out available);
            if (!available)
            {
                logger.BranchMediaUnavailable(leg.Id, destination.ToString());
                continue;
            }

            var invite = SessionRequests.Invite(transport, target, destination, offer.Target.Number, offer.CallerNumber, display, settings.ContactUser(),
                media?.Offer ?? offer.Media!, offer.CallId, settings.SessionTimers());
            try
            {
                var branch = await transactions.SendInviteAsync(invite, destination, CancellationToken.None).ConfigureAwait(false);
                branches.Add(branch);
                if (media is not null)
                {
                    leg.AddBranchMedia(branch, media);
                }
            }
#pragma warning disable CA1031 // One unreachable contact must not stop the others from ringing.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                logger.SessionSendFailed(ex, leg.Id, "INVITE");
                if (media is not null)
                {
                    await media.DisposeAsync().ConfigureAwait(false);
                }
            }
        }

        await leg.RunAsync(branches, offer.RingFor, time, transactions).ConfigureAwait(false);
    }

    private IEnumerable<(SipUri Target, SipEndPoint Destination)> Contacts(LegTarget target)
    {
        if (target.IsExtension)
        {
            return locations.Lookup(target.Number).Select(c => (c.Uri, SessionRequests.Destination(c)));
        }

        if (settings.FindTrunk(target.Trunk) is not { } trunk)
        {
            return [];
        }

        var uri = SipUri.Create(SipUriScheme.Sip, target.Number, trunk.Address.ToString(), trunk.Port,
            trunk.Transport == SipTransportProtocol.Udp ? null : [new SipParameter("transport", trunk.Transport.ToString().ToLowerInvariant())]);

        return [(uri, new SipEndPoint(trunk.Transport, new IPEndPoint(trunk.Address, trunk.Port)))];
    }
}
