using System.Collections.Concurrent;
using System.Net;
using System.Text.RegularExpressions;
using ContactCenter.CallEngine.Media;
using ContactCenter.CallEngine.Routing;
using ContactCenter.Contracts.Calls;
using ContactCenter.Sip.Syntax;
using ContactCenter.Sip.Syntax.Building;
using ContactCenter.Sip.Transactions;
using ContactCenter.Sip.Transport;
using ContactCenter.Sip.UserAgents.Authentication;
using ContactCenter.Sip.UserAgents.Core;

namespace ContactCenter.CallEngine.Calls;

/// <summary>
/// The call engine's entry from SIP: takes every new INVITE, decides whether it may become a call (a trusted
/// trunk calling a service number, or an agent's softphone that passed digest authentication, RFC 3261 §22.3),
/// answers what it refuses with the RFC's status, and owns the table of live calls.
/// </summary>
public sealed class CallManager : ISessionRequestHandler, ICallPlacer
{
    private static readonly string[] SessionMethods = ["INVITE", "ACK", "BYE", "CANCEL", "REFER", "UPDATE"];

    private readonly ConcurrentDictionary<Guid, Call> _calls = new();
    private readonly ConcurrentDictionary<Guid, OriginatedCall> _originated = new();
    private readonly ConcurrentDictionary<SipServerTransaction, Call> _byInvite = new();
    private readonly ConcurrentDictionary<Task, byte> _running = new();
    private readonly CallServices _services;
    private readonly DigestAuthenticator _authenticator;
    private readonly AuthFailureLimiter _limiter;
    private readonly ISipCredentialStore _credentials;
    private readonly ICallerNumberNormalizer _normalizer;

    internal CallManager(CallServices services, DigestAuthenticator authenticator, AuthFailureLimiter limiter, ISipCredentialStore credentials,
        ICallerNumberNormalizer normalizer)
    {
        _services = services;
        _authenticator = authenticator;
        _limiter = limiter;
        _credentials = credentials;
        _normalizer = normalizer;
    }

    /// <inheritdoc />
    public IReadOnlyCollection<string> Methods => SessionMethods;

    /// <inheritdoc />
    public IReadOnlyCollection<string> OptionTags { get; } = [SessionTimerNegotiation.OptionTag];

    /// <summary>The calls in progress.</summary>
    public CallSnapshot? GetCall(Guid callId) =>
        _calls.TryGetValue(callId, out var call) ? call.Snapshot() : _originated.TryGetValue(callId, out var placed) ? placed.Snapshot() : null;

    /// <summary>Every live call, oldest first.</summary>
    public IReadOnlyList<CallSnapshot> GetCalls() =>
        [.. _calls.Values.Select(c => c.Snapshot()).Concat(_originated.Values.Select(c => c.Snapshot())).OrderBy(c => c.StartedAt)];

    /// <summary>Ends one call (BYE to both parties); false when no such call is live.</summary>
    public async Task<bool> HangUpAsync(Guid callId, string reason)
    {
        if (_calls.TryGetValue(callId, out var call))
        {
            await call.HangUpAsync(reason).ConfigureAwait(false);
            return true;
        }

        if (_originated.TryGetValue(callId, out var placed))
        {
            await placed.HangUpAsync(reason).ConfigureAwait(false);
            return true;
        }

        return false;
    }

    /// <summary>
    /// Places a call for <paramref name="agent"/> (click-to-call, a queued callback): the agent's phone rings first,
    /// then <paramref name="number"/> is dialled through the trunk with the company's caller ID and the two are bridged.
    /// Returns the call id and a task that completes with the outcome once the parties are bridged or the call ended
    /// before, or the reason it cannot be placed: the number is not one the dial plan allows, or the agent's phone
    /// is not registered.
    /// </summary>
    public OriginateResult Originate(string agent, string number, string? purpose)
    {
        ArgumentNullException.ThrowIfNull(agent);
        ArgumentNullException.ThrowIfNull(number);
        if (AllowedOut(number) is not { } e164)
        {
            return new OriginateResult(null, null, "the number is not one the dial plan allows through the trunk");
        }

        if (_services.Locations.Lookup(agent).Count == 0)
        {
            return new OriginateResult(null, null, $"the phone of {agent} is not registered");
        }

        var call = new OriginatedCall(_services, agent, e164, purpose, c => _originated.TryRemove(c.Id, out _));
        _originated[call.Id] = call;
        Track(call.RunAsync());
        return new OriginateResult(call.Id, call.Outcome.Task, null);
    }

    /// <summary>
    /// Transfers a live, answered call to <paramref name="target"/> (an extension) through the API; false when there
    /// is no such answered call or a transfer is already under way. The outcome arrives as call events.
    /// </summary>
    public bool TryStartTransfer(Guid callId, string target, string? reason)
    {
        if (!_calls.TryGetValue(callId, out var call) || call.Snapshot().Phase != CallPhase.Answered)
        {
            return false;
        }

        call.StartTransfer(target, TransferKind.Api, reason, null);
        return true;
    }

    /// <summary>
    /// Sends DTMF <paramref name="digits"/> (0-9, *, #, A-D) into an answered live call toward the client's leg as RFC 4733
    /// events, e.g. so an operator can work a client's voice menu on an outbound call; completes once they are sent.
    /// </summary>
    public Task<DtmfSendResult> SendDtmfAsync(Guid callId, string digits, CancellationToken cancellationToken) =>
        _calls.TryGetValue(callId, out var call) ? call.SendDtmfAsync(digits, cancellationToken)
        : _originated.TryGetValue(callId, out var placed) ? placed.SendDtmfAsync(digits, cancellationToken)
        : Task.FromResult(DtmfSendResult.NoSuchCall);

    /// <summary>Ends every call (BYE to both parties) and waits for their clean-up; for shutdown.</summary>
    public async Task HangUpAllAsync(string reason)
    {
        await Task.WhenAll(_calls.Values.Select(c => c.HangUpAsync(reason)).Concat(_originated.Values.Select(c => c.HangUpAsync(reason)))).ConfigureAwait(false);
        await Task.WhenAll(_running.Keys).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async ValueTask OnRequestAsync(SipServerTransaction transaction, SipInboundMessage request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(transaction);
        ArgumentNullException.ThrowIfNull(request);
        var sip = (SipRequest)request.Message;
        if (sip.Method != SipMethod.Invite)
        {
            // RFC 3261 §12.2.2, §15.1.2: BYE (or CANCEL's like) outside any dialog matches nothing of ours.
            await transaction.SendResponseAsync(SipResponseBuilder.ForRequest(sip, SipStatusCodes.CallOrTransactionDoesNotExist, toTag: SipIds.NewTag()).Build(),
                cancellationToken).ConfigureAwait(false);
            return;
        }

        await transaction.SendResponseAsync(SipResponseBuilder.ForRequest(sip, SipStatusCodes.Trying).Build(), cancellationToken).ConfigureAwait(false);
        var refusal = await AdmitAsync(transaction, request, sip, cancellationToken).ConfigureAwait(false);
        if (refusal is not null)
        {
            _services.Metrics.Rejected(refusal.StatusCode);
            _services.Logger.InviteRefused(sip.CallId, request.Source.EndPoint, sip.RequestUri.User ?? string.Empty, refusal.StatusCode, refusal.ReasonPhrase);
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
        if (_byInvite.TryGetValue(inviteTransaction, out var call))
        {
            await call.CancelByCallerAsync().ConfigureAwait(false);
            return;
        }

        await inviteTransaction.SendResponseAsync(
            SipResponseBuilder.ForRequest(inviteTransaction.Request, SipStatusCodes.RequestTerminated, toTag: SipIds.NewTag()).Build(), cancellationToken)
            .ConfigureAwait(false);
    }

    /// <inheritdoc />
    public void OnServerTransactionFailed(SipServerTransaction transaction, SipTransactionError reason)
    {
        // The INVITE's final response could not be delivered; its call (if any) ends on its dialog's events.
    }

    private async ValueTask<SipResponse?> AdmitAsync(SipServerTransaction transaction, SipInboundMessage inbound, SipRequest request,
        CancellationToken cancellationToken)
    {
        var options = _services.Options;
        var dialed = request.RequestUri.User ?? string.Empty;
        var source = inbound.Source.EndPoint;
        string callerNumber;
        CallDirection direction;
        bool callerIsAgent;
        IReadOnlyList<string>? fixedTargets = null;
        string? externalNumber = null;
        if (IsTrunk(inbound.Source))
        {
            // The carrier is trusted by address: its P-Asserted-Identity (RFC 3325) names the caller, else From.
            callerNumber = request.TryGetPAssertedIdentities(out var identities) && identities.Count > 0 && identities[0].Uri.User is { } asserted
                ? asserted
                : request.From.Uri.User ?? "anonymous";
            if (!options.ServiceNumbers.ContainsKey(dialed))
            {
                return Refuse(request, SipStatusCodes.NotFound);
            }

            direction = CallDirection.Inbound;
            callerIsAgent = false;
        }
        else
        {
            var authenticated = await AuthenticateAsync(request, source.Address, cancellationToken).ConfigureAwait(false);
            if (authenticated.Refusal is not null)
            {
                return authenticated.Refusal;
            }

            callerNumber = authenticated.Extension!;
            callerIsAgent = true;
            if (options.ServiceNumbers.ContainsKey(dialed))
            {
                direction = CallDirection.Internal;
            }
            else if (dialed != callerNumber && await IsExtensionAsync(dialed, cancellationToken).ConfigureAwait(false))
            {
                direction = CallDirection.Internal;
                fixedTargets = [dialed];
            }
            else if (AllowedOut(dialed) is { } e164)
            {
                // RFC 3261 §16.6-like policy: only an authenticated agent reaches the trunk, only to allowed numbers.
                direction = CallDirection.Outbound;
                externalNumber = e164;
            }
            else
            {
                return Refuse(request, SipStatusCodes.Forbidden, "Destination Not Allowed");
            }
        }

        var hasOffer = SipLegRequests.TryGetSdp(request, out var offer, out var present);
        if (present && !hasOffer)
        {
            return Refuse(request, SipStatusCodes.BadRequest, "Bad SDP");
        }

        // RFC 4028 §9: the session timer asked for (422 with our Min-SE when its interval is too small).
        var session = SessionTimerNegotiation.Answer(request, _services.Calls, (status, reason, customize) =>
        {
            var refusal = SipResponseBuilder.ForRequest(request, status, reason, SipIds.NewTag());
            customize?.Invoke(refusal);
            return refusal.Build();
        });
        if (session.Refusal is { } tooSmall)
        {
            return tooSmall;
        }

        if (!LegMedia.TryCreate(_services.Relay, out var media))
        {
            return Refuse(request, SipStatusCodes.ServiceUnavailable, "No Media Ports");
        }

        // RFC 3261 §13.3.1.1: an INVITE without an offer (late offer) gets ours in the 2xx and answers in the ACK.
        var answer = hasOffer ? media.Answer(offer!) : null;
        if (answer is { IsAccepted: false })
        {
            await media.DisposeAsync().ConfigureAwait(false);
            // RFC 3261 §13.3.1.3 / RFC 3264 §6: nothing in the offer is acceptable.
            var notAcceptable = SipResponseBuilder.ForRequest(request, SipStatusCodes.NotAcceptableHere, toTag: SipIds.NewTag())
                .AddHeader(SipHeaderKind.Warning, "304 contactcenter \"Media type not available: PCMU or PCMA required\"");
            return notAcceptable.Build();
        }

        var call = new Call(_services, transaction, media, direction, callerNumber, direction == CallDirection.Inbound ? _normalizer.TryNormalize(callerNumber) : null,
            dialed, callerIsAgent, Finished)
        {
            FixedTargets = fixedTargets,
            ExternalNumber = externalNumber,
            LateOffer = !hasOffer,
            CallerSession = session,
            FindByCallerDialog = (id, tag) => _calls.Values.FirstOrDefault(c => c.HasCallerDialog(id, tag)),
        };
        _calls[call.Id] = call;
        _byInvite[transaction] = call;
        Track(call.RunAsync());
        return null;
    }

    /// <summary>The E.164 form of <paramref name="dialed"/> when the dial plan lets agents call it through the trunk, else null.</summary>
    private string? AllowedOut(string dialed)
    {
        var trunk = _services.Options.Trunk;
        if (trunk is null || dialed.Length == 0 || _normalizer.TryNormalize(dialed) is not { } e164)
        {
            return null;
        }

        foreach (var pattern in trunk.AllowedDestinations)
        {
            if (Regex.IsMatch(e164, pattern, RegexOptions.CultureInvariant, TimeSpan.FromMilliseconds(50)))
            {
                return e164;
            }
        }

        return null;
    }

    private bool IsTrunk(SipEndPoint source)
    {
        var trunk = _services.Options.Trunk;
        if (trunk is null || !IPAddress.TryParse(trunk.Address, out var address) || !source.EndPoint.Address.Equals(address))
        {
            return false;
        }

        // Over TCP the carrier's source port is ephemeral; over UDP it must be the configured one.
        return source.Protocol == SipTransportProtocol.Tcp || source.EndPoint.Port == trunk.Port;
    }

    private async ValueTask<(string? Extension, SipResponse? Refusal)> AuthenticateAsync(SipRequest request, IPAddress source,
        CancellationToken cancellationToken)
    {
        if (_limiter.IsBlocked(source))
        {
            return (null, Refuse(request, SipStatusCodes.Forbidden));
        }

        // RFC 3261 §22.3: a UAS-side proxy role challenges INVITEs with 407 and Proxy-Authenticate.
        var verification = await _authenticator.VerifyAsync(request, source, SipHeaderKind.ProxyAuthorization, cancellationToken).ConfigureAwait(false);
        if (verification.IsAuthenticated)
        {
            return (verification.Username, null);
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
        foreach (var header in _authenticator.CreateChallenges(source, verification.Status == DigestVerificationStatus.Stale))
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

    private void Finished(Call call)
    {
        _calls.TryRemove(call.Id, out _);
        _byInvite.TryRemove(call.CallerInvite, out _);
    }

    private void Track(Task task)
    {
        _running.TryAdd(task, 0);
        _ = task.ContinueWith(t => _running.TryRemove(t, out _), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
    }
}
