using System.Net;
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
    SessionLayerSettings settings, LegDirectory directory, TimeProvider time, ILogger<ClientInviteSessions> logger)
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
            var invite = SessionRequests.Invite(transport, target, destination, offer.Target.Number, offer.CallerNumber, display, settings.ContactUser(),
                offer.Media!, offer.CallId, settings.SessionTimers());
            try
            {
                branches.Add(await transactions.SendInviteAsync(invite, destination, CancellationToken.None).ConfigureAwait(false));
            }
#pragma warning disable CA1031 // One unreachable contact must not stop the others from ringing.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                logger.SessionSendFailed(ex, leg.Id, "INVITE");
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
