using System.Collections.Concurrent;
using System.Net;
using ContactCenter.Sdp.OfferAnswer;
using ContactCenter.Sessions;
using ContactCenter.Sip.Syntax;
using ContactCenter.Sip.Syntax.Building;
using ContactCenter.Sip.Transactions;
using ContactCenter.Sip.Transport;
using ContactCenter.Sip.UserAgents.Authentication;
using ContactCenter.Sip.UserAgents.Core;
using ContactCenter.Sip.UserAgents.Dialogs;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ContactCenter.Sip.UserAgents.Sessions;

/// <summary>
/// The server side of the session layer: takes every new INVITE from the user-agent core, answers 100 Trying, decides
/// who calls (the trusted carrier trunk by its source, naming the caller in P-Asserted-Identity (RFC 3325) or From; else
/// an agent's phone that passes the INVITE's digest challenge, RFC 3261 §22.3: 407), refuses what it cannot serve (400
/// for unusable SDP or Proxy-Authorization, 422/400 for the session timer, RFC 4028 §9) and hands the rest to the engine
/// as a <see cref="LegOffered"/> with a <see cref="ServerLegSession"/>. The caller's CANCEL reaches the leg.
/// </summary>
public sealed class ServerInviteSessions : ISessionRequestHandler, ILegArrivals
{
    private static readonly string[] SessionMethods = ["INVITE", "ACK", "BYE", "CANCEL", "REFER", "UPDATE"];

    private readonly ConcurrentDictionary<SipServerTransaction, ServerLegSession> _byInvite = new();
    private readonly DialogManager _dialogs;
    private readonly DigestAuthenticator _authenticator;
    private readonly AuthFailureLimiter _limiter;
    private readonly ISipCredentialStore _credentials;
    private readonly SessionLayerSettings _settings;
    private readonly UserAgentsMetrics _metrics;
    private readonly LegDirectory _directory;
    private readonly TimeProvider _time;
    private readonly ISipTransport _transport;
    private readonly TimeSpan _t1;
    private readonly ILogger _logger;
    private readonly ISourceAuthentication? _sourceAuthentication;
    private readonly IBranchMediaGateway? _media;
    private Func<ILegSession, LegOffered, ILegEvents>? _onOffered;

    /// <summary>
    /// Creates the server side over the dialog layer, authenticating agents' phones with <paramref name="authenticator"/>
    /// (or, for the sources it names, <paramref name="sourceAuthentication"/>'s), with callers' media adapted by
    /// <paramref name="media"/> where it says so (a browser's WebRTC).
    /// </summary>
    public ServerInviteSessions(DialogManager dialogs, DigestAuthenticator authenticator, AuthFailureLimiter limiter, ISipCredentialStore credentials,
        SessionLayerSettings settings, LegDirectory directory, TimeProvider time, IOptions<SipTimerOptions> timers, UserAgentsMetrics metrics,
        ILogger<ServerInviteSessions> logger, ISipTransport transport, ISourceAuthentication? sourceAuthentication = null, IBranchMediaGateway? media = null)
    {
        ArgumentNullException.ThrowIfNull(timers);
        (_dialogs, _authenticator, _limiter, _credentials, _settings, _directory, _time, _t1, _metrics, _logger, _transport) =
            (dialogs, authenticator, limiter, credentials, settings, directory, time, timers.Value.T1, metrics, logger, transport);
        (_sourceAuthentication, _media) = (sourceAuthentication, media);
    }

    /// <inheritdoc />
    public IReadOnlyCollection<string> Methods => SessionMethods;

    /// <inheritdoc />
    public IReadOnlyCollection<string> OptionTags { get; } = [SessionTimerNegotiation.OptionTag, ReliableProvisionals.OptionTag];

    /// <inheritdoc />
    public void Accept(Func<ILegSession, LegOffered, ILegEvents> onOffered)
    {
        ArgumentNullException.ThrowIfNull(onOffered);
        Volatile.Write(ref _onOffered, onOffered);
    }

    /// <inheritdoc />
    public async ValueTask OnRequestAsync(SipServerTransaction transaction, SipInboundMessage request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(transaction);
        ArgumentNullException.ThrowIfNull(request);
        var sip = (SipRequest)request.Message;
        if (sip.Method != SipMethod.Invite)
        {
            // RFC 3261 §12.2.2, §15.1.2: BYE (or the like) outside any dialog matches nothing of ours.
            await transaction.SendResponseAsync(Refuse(sip, SipStatusCodes.CallOrTransactionDoesNotExist), cancellationToken).ConfigureAwait(false);
            return;
        }

        await transaction.SendResponseAsync(SipResponseBuilder.ForRequest(sip, SipStatusCodes.Trying).Build(), cancellationToken).ConfigureAwait(false);
        var refusal = await AdmitAsync(transaction, request, sip, cancellationToken).ConfigureAwait(false);
        if (refusal is not null)
        {
            _metrics.InviteRefused(refusal.StatusCode);
            _logger.InviteRefused(sip.CallId, request.Source.EndPoint, sip.RequestUri.User ?? string.Empty, refusal.StatusCode, refusal.ReasonPhrase);
            await transaction.SendResponseAsync(refusal, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <inheritdoc />
    public ValueTask OnAckAsync(SipInboundMessage ack, CancellationToken cancellationToken) => ValueTask.CompletedTask;

    /// <inheritdoc />
    public ValueTask OnStrayResponseAsync(SipInboundMessage response, CancellationToken cancellationToken) => ValueTask.CompletedTask;

    /// <inheritdoc />
    public async ValueTask OnCancelAsync(SipServerTransaction inviteTransaction, SipInboundMessage cancel, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(inviteTransaction);
        if (_byInvite.TryGetValue(inviteTransaction, out var leg))
        {
            leg.OnCancel();
            return;
        }

        // Not (or no longer) a leg of ours: the INVITE still gets its final response (RFC 3261 §9.2).
        await inviteTransaction.SendResponseAsync(Refuse(inviteTransaction.Request, SipStatusCodes.RequestTerminated), cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public void OnServerTransactionFailed(SipServerTransaction transaction, SipTransactionError reason)
    {
        // The INVITE's final response could not be delivered; its call (if any) ends on its dialog's events.
        ArgumentNullException.ThrowIfNull(transaction);
        _byInvite.TryRemove(transaction, out _);
    }

    private async ValueTask<SipResponse?> AdmitAsync(SipServerTransaction transaction, SipInboundMessage inbound, SipRequest request,
        CancellationToken cancellationToken)
    {
        var dialed = request.RequestUri.User ?? string.Empty;
        string callerNumber;
        string? agent = null;
        var dialedIsExtension = false;
        var trunk = _settings.Trunks().FirstOrDefault(t => t.Trusts(inbound.Source.EndPoint, inbound.Source.Protocol));
        if (trunk is { RequireTlsAndSrtp: true } && inbound.Source.Protocol != SipTransportProtocol.Tls)
        {
            // Its SRTP keys would cross the network in clear (a source address trusted over UDP or TCP).
            return Refuse(request, SipStatusCodes.Forbidden, "TLS Required");
        }

        if (trunk is not null)
        {
            // The carrier is trusted by address: its P-Asserted-Identity (RFC 3325) names the caller, else From.
            callerNumber = request.TryGetPAssertedIdentities(out var identities) && identities.Count > 0 && identities[0].Uri.User is { } asserted
                ? asserted
                : request.From.Uri.User ?? "anonymous";
        }
        else
        {
            var authenticated = await AuthenticateAsync(request, inbound.Source, cancellationToken).ConfigureAwait(false);
            if (authenticated.Refusal is not null)
            {
                return authenticated.Refusal;
            }

            callerNumber = agent = authenticated.Extension!;
            if (_settings.SecureExtension(agent) && inbound.Source.Protocol is not (SipTransportProtocol.Tls or SipTransportProtocol.Wss))
            {
                // Its SRTP keys would cross the network in clear: such an agent calls over TLS only, or from a browser over
                // WSS (DTLS-SRTP: no keys in its SDP, and the signalling is encrypted anyway).
                return Refuse(request, SipStatusCodes.Forbidden, "TLS Required");
            }

            dialedIsExtension = dialed != agent && await IsExtensionAsync(dialed, cancellationToken).ConfigureAwait(false);
        }

        var hasOffer = SessionRequests.TryGetSdp(request, out var offer, out var present);
        if (present && !hasOffer)
        {
            return Refuse(request, SipStatusCodes.BadRequest, "Bad SDP");
        }

        // RFC 4028 §9: the session timer asked for (422 with our Min-SE when its interval is too small).
        var session = SessionTimerNegotiation.Answer(request, _settings.SessionTimers(), (status, reason, customize) =>
        {
            var refusal = SipResponseBuilder.ForRequest(request, status, reason, SipIds.NewTag());
            customize?.Invoke(refusal);
            return refusal.Build();
        });
        if (session.Refusal is { } tooSmall)
        {
            return tooSmall;
        }

        if (Volatile.Read(ref _onOffered) is not { } onOffered)
        {
            return Refuse(request, SipStatusCodes.ServiceUnavailable);
        }

        // A caller whose media the engine cannot take as it is (a browser's WebRTC offer) gets an adapter in between.
        var available = true;
        var media = hasOffer ? _media?.Accept(offer!, inbound.Source, out available) : null;
        if (!available)
        {
            return Refuse(request, LegEndCauses.ToStatusCode(LegEndCause.Overloaded));
        }

        var reliable = ReliableProvisionals.AreRequired(request) ? new ReliableProvisionals(_dialogs, transaction, _time, _t1) : null;
        var protocol = inbound.Source.Protocol;
        var leg = new ServerLegSession(_dialogs, transaction, session, ex => _logger.SessionSendFailed(ex, request.CallId, "BYE"), _directory,
            settled => _byInvite.TryRemove(settled.Invite, out _), reliable, (_time, _settings.SessionTimers),
            () => SessionRequests.Contact(_transport, protocol, _settings.ContactUser()));
        _byInvite[transaction] = leg;
        if (media is not null)
        {
            leg.UseMedia(media);
        }

        var offered = new LegOffered(callerNumber, dialed, media?.Offer ?? offer, agent)
        {
            CallerName = request.From.DisplayName,
            DialedIsExtension = dialedIsExtension,
            // An adapted caller's media comes from the adapter, which its SDP names; never from the caller's address. The
            // adapter speaks plain RTP to the engine (the browser's side is DTLS-SRTP).
            Source = media is null ? inbound.Source.EndPoint.Address : null,
            Trunk = trunk?.Name,
            ToNumber = trunk is not null && request.To.Uri.User is { } to && to != dialed ? to : null,
            Srtp = media is not null ? SdpSrtpMode.Off
                : agent is not null && _settings.SecureExtension(agent) || trunk is { RequireTlsAndSrtp: true } ? SdpSrtpMode.Require
                : protocol == SipTransportProtocol.Tls ? SdpSrtpMode.Allow : SdpSrtpMode.Off,
            Codecs = trunk?.Codecs ?? [],
            PublicMediaAddress = _settings.PublicMedia(protocol),
        };
        ILegEvents events;
        try
        {
            events = onOffered(leg, offered);
        }
        catch (Exception ex)
        {
            // Nothing will answer this leg: it ends here (500), and what would wait for the engine's sink (a re-INVITE,
            // a REFER) is answered by one that refuses, so nothing waits for ever.
            _logger.OfferHandlerFailed(ex, request.CallId);
            leg.Attach(RefusingLegEvents.Instance);
            await leg.RejectAsync(LegEndCause.Failed, cancellationToken).ConfigureAwait(false);
            return null;
        }

        leg.Attach(events);
        return null;
    }

    private async ValueTask<(string? Extension, SipResponse? Refusal)> AuthenticateAsync(SipRequest request, SipEndPoint from,
        CancellationToken cancellationToken)
    {
        var source = from.EndPoint.Address;
        if (_limiter.IsBlocked(source))
        {
            return (null, Refuse(request, SipStatusCodes.Forbidden));
        }

        // A source with its own credentials (a browser phone's WebSocket) calls as its one extension only.
        var special = _sourceAuthentication?.Find(from);
        if (special is not null && (special.Extension is null || request.From.Uri.User != special.Extension))
        {
            return (null, Refuse(request, SipStatusCodes.Forbidden));
        }

        // RFC 3261 §22.3: a UAS-side proxy role challenges INVITEs with 407 and Proxy-Authenticate.
        var authenticator = special?.Authenticator ?? _authenticator;
        var verification = await authenticator.VerifyAsync(request, source, SipHeaderKind.ProxyAuthorization, cancellationToken).ConfigureAwait(false);
        if (verification.IsAuthenticated)
        {
            return special is null || verification.Username == special.Extension ? (verification.Username, null) : (null, Refuse(request, SipStatusCodes.Forbidden));
        }

        if (verification.Status is DigestVerificationStatus.Failed or DigestVerificationStatus.Malformed)
        {
            _limiter.RecordFailure(source, verification, request.Method.Name);
        }

        if (verification.Status == DigestVerificationStatus.Malformed)
        {
            return (null, Refuse(request, SipStatusCodes.BadRequest, "Malformed Proxy-Authorization"));
        }

        var challenge = SipResponseBuilder.ForRequest(request, SipStatusCodes.ProxyAuthenticationRequired, toTag: SipIds.NewTag());
        foreach (var header in authenticator.CreateChallenges(source, verification.Status == DigestVerificationStatus.Stale))
        {
            challenge.AddHeader(SipHeaderKind.ProxyAuthenticate, header.ToHeaderValue());
        }

        return (null, challenge.Build());
    }

    private async ValueTask<bool> IsExtensionAsync(string user, CancellationToken cancellationToken) =>
        user.Length > 0
        && (await _credentials.TryGetAsync(user, _authenticator.Realm, DigestAlgorithm.Md5, cancellationToken).ConfigureAwait(false) is not null
            || await _credentials.TryGetAsync(user, _authenticator.Realm, DigestAlgorithm.Sha256, cancellationToken).ConfigureAwait(false) is not null);

    private static SipResponse Refuse(SipRequest request, int statusCode, string? reason = null) =>
        SipResponseBuilder.ForRequest(request, statusCode, reason, SipIds.NewTag()).Build();
}
