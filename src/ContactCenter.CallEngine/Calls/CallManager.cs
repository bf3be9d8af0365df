using System.Collections.Concurrent;
using ContactCenter.CallEngine.Dialing;
using ContactCenter.CallEngine.Media;
using ContactCenter.CallEngine.Routing;
using ContactCenter.Contracts.Calls;
using ContactCenter.Sessions;

namespace ContactCenter.CallEngine.Calls;

/// <summary>
/// The call engine's entry, in call terms: takes every arriving call from the session port (which has authenticated
/// it), decides whether it may become a call (the trunk calling a service number; an agent calling a service number,
/// another extension or an outside number the dial plan allows), refuses the rest with a cause, places calls, and owns
/// the table of live calls.
/// </summary>
public sealed class CallManager : ICallPlacer, IDisposable
{
    private readonly ConcurrentDictionary<Guid, Call> _calls = new();
    private readonly ConcurrentDictionary<Task, byte> _running = new();
    private readonly CallServices _services;
    private readonly ICallerNumberNormalizer _normalizer;
    private readonly OutboundGuard? _guard;
    private readonly ConcurrentDictionary<Guid, OutboundGuard.OutboundPermit> _permits = new();
    private readonly CallGuardSweep _sweep;

    internal CallManager(CallServices services, ICallerNumberNormalizer normalizer, ILegArrivals arrivals, OutboundGuard? guard = null)
    {
        _services = services;
        _normalizer = normalizer;
        _guard = guard;
        _sweep = new CallGuardSweep(_calls, services);
        arrivals.Accept(OnLegOffered);
    }

    /// <summary>The calls in progress.</summary>
    public CallSnapshot? GetCall(Guid callId) => _calls.TryGetValue(callId, out var call) ? call.Snapshot() : null;

    /// <summary>How many calls are in progress (arriving and placed), for admission control.</summary>
    public int LiveCallCount => _calls.Count;

    /// <summary>The live call itself (tests: what outlives an ended call).</summary>
    internal Call? Find(Guid callId) => _calls.TryGetValue(callId, out var call) ? call : null;

    /// <summary>
    /// Where a supervisor joins the live, answered call <paramref name="callId"/>: its bridge, the agent's side of it and
    /// the agent; null while it is not answered (or mid-transfer) or over. Inbound calls have the answering agent on
    /// side B, calls the engine placed have the agent on side A.
    /// </summary>
    internal SupervisionPoint? FindSupervisionPoint(Guid callId) => _calls.TryGetValue(callId, out var call) ? call.SupervisionPoint() : null;

    /// <summary>Every live call, oldest first.</summary>
    public IReadOnlyList<CallSnapshot> GetCalls() =>
        [.. _calls.Values.Select(c => c.Snapshot()).OrderBy(c => c.StartedAt)];

    /// <summary>Ends one call (BYE to both parties); false when no such call is live.</summary>
    public async Task<bool> HangUpAsync(Guid callId, string reason)
    {
        if (_calls.TryGetValue(callId, out var call))
        {
            await call.HangUpAsync(reason).ConfigureAwait(false);
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

        if (_services.Phones.CountPhones(agent) == 0)
        {
            return new OriginateResult(null, null, $"the phone of {agent} is not registered");
        }

        // Toll fraud (issue #16): the dial plan and the agent's outbound limits, whoever asked for the call.
        var decision = _guard?.TryStart(agent, e164, purpose ?? "click-to-call");
        if (decision is { IsAllowed: false })
        {
            return new OriginateResult(null, null, decision.Reason);
        }

        var call = new Call(_services, agent, e164, purpose, Finished);
        if (decision?.Permit is { } permit)
        {
            _permits[call.Id] = permit;
        }

        _calls[call.Id] = call;
        Track(call.RunAsync());
        return new OriginateResult(call.Id, call.Outcome.Task, null);
    }

    /// <summary>
    /// Transfers a live, answered call to <paramref name="target"/> (an extension) through the API; false when there
    /// is no such answered call (it ended, even as the request came), it is a placed call, or a transfer is already under
    /// way. The outcome arrives as call events.
    /// </summary>
    public Task<bool> TryStartTransferAsync(Guid callId, string target, string? reason) =>
        _calls.TryGetValue(callId, out var call) ? call.TryStartTransferAsync(target, TransferKind.Api, reason, null) : Task.FromResult(false);

    /// <summary>
    /// Sends DTMF <paramref name="digits"/> (0-9, *, #, A-D) into an answered live call toward the client's leg as RFC 4733
    /// events, e.g. so an operator can work a client's voice menu on an outbound call; completes once they are sent.
    /// </summary>
    public Task<DtmfSendResult> SendDtmfAsync(Guid callId, string digits, CancellationToken cancellationToken) =>
        _calls.TryGetValue(callId, out var call) ? call.SendDtmfAsync(digits, cancellationToken) : Task.FromResult(DtmfSendResult.NoSuchCall);

    /// <summary>Ends every call (BYE to both parties) and waits for their clean-up; for shutdown.</summary>
    public async Task HangUpAllAsync(string reason)
    {
        await Task.WhenAll(_calls.Values.Select(c => c.HangUpAsync(reason))).ConfigureAwait(false);
        await Task.WhenAll(_running.Keys).ConfigureAwait(false);
    }

    /// <summary>Stops the calls' maximum-duration sweep.</summary>
    public void Dispose() => _sweep.Dispose();

    /// <summary>
    /// A call arrived (the session layer has authenticated it where it had to): refuses what the engine does not serve
    /// (a trunk call to a number that is not a service number, an agent's call the dial plan forbids, no free media
    /// ports, no acceptable media), else starts the call. Returns the sink for the caller leg's events.
    /// </summary>
    internal ILegEvents OnLegOffered(ILegSession leg, LegOffered offered)
    {
        var options = _services.Options;
        var dialed = offered.DialedNumber;
        var callerNumber = offered.CallerNumber;
        CallDirection direction;
        IReadOnlyList<string>? fixedTargets = null;
        string? externalNumber = null;
        OutboundGuard.OutboundPermit? permit = null;
        string? mappedDid = null;
        if (offered.Agent is null)
        {
            // A carrier's call: to a service number, or to one of the trunk's numbers (DIDs) that maps to one or to an extension.
            if (!options.ServiceNumbers.ContainsKey(dialed))
            {
                var did = dialed;
                var target = offered.Trunk is { } trunk ? _services.Trunks.InboundTarget(trunk, dialed) : null;
                if (target is null && offered.Trunk is { } same && offered.ToNumber is { } to)
                {
                    (did, target) = (to, _services.Trunks.InboundTarget(same, to));
                }

                if (target is null)
                {
                    return Refuse(leg, offered, LegEndCause.NotFound, null);
                }

                _services.Logger.DidMapped(leg.Id, offered.Trunk!, did, target);
                mappedDid = did;
                if (options.ServiceNumbers.ContainsKey(target))
                {
                    dialed = target;
                }
                else
                {
                    fixedTargets = [target];
                }
            }

            direction = CallDirection.Inbound;
            _services.Metrics.TrunkCall(offered.Trunk, "inbound");
        }
        else if (options.ServiceNumbers.ContainsKey(dialed))
        {
            direction = CallDirection.Internal;
        }
        else if (offered.DialedIsExtension)
        {
            direction = CallDirection.Internal;
            fixedTargets = [dialed];
        }
        else if (AllowedOut(dialed) is { } e164)
        {
            // Only an authenticated agent reaches the trunk, only to numbers the dial plan allows, within its limits.
            if (_guard?.TryStart(offered.Agent, e164, "softphone") is { } decision)
            {
                if (!decision.IsAllowed)
                {
                    return Refuse(leg, offered, LegEndCause.Forbidden, null);
                }

                permit = decision.Permit;
            }

            direction = CallDirection.Outbound;
            externalNumber = e164;
        }
        else
        {
            return Refuse(leg, offered, LegEndCause.Forbidden, null);
        }

        if (!LegMedia.TryCreate(_services.Relay, out var media, offered.Srtp, offered.Codecs, offered.PublicMediaAddress))
        {
            permit?.Dispose();
            return Refuse(leg, offered, LegEndCause.Overloaded, null);
        }

        Call call;
        try
        {
            // A phone behind NAT sends its media from the address its SIP came from, not the private one in its SDP.
            if (offered.Source is { } source)
            {
                media.AllowSignallingSource(source);
            }

            // A call without an offer (late offer) gets ours in the answer, and the caller's answer comes after it.
            if (offered.Media is { } offer && !media.Answer(offer).IsAccepted)
            {
                // RFC 3264 §6: nothing in the offer is acceptable.
                permit?.Dispose();
                return Refuse(leg, offered, LegEndCause.MediaRejected, media);
            }

            call = new Call(_services, leg, media, direction, callerNumber, direction == CallDirection.Inbound ? _normalizer.TryNormalize(callerNumber) : null,
                dialed, offered.Agent is not null, Finished)
            {
                Trunk = offered.Trunk,
                Did = mappedDid,
                FixedTargets = fixedTargets,
                ExternalNumber = externalNumber,
                LateOffer = offered.Media is null,
                FindByCallerLeg = caller => _calls.Values.FirstOrDefault(c => c.HasCallerLeg(caller)),
            };
        }
        catch (Exception ex)
        {
            // Nothing may leak from a failed start: the ports and the outbound permit go back, the caller gets 500.
            _services.Logger.CallFailed(ex, Guid.Empty);
            permit?.Dispose();
            return Refuse(leg, offered, LegEndCause.Failed, media);
        }

        if (permit is not null)
        {
            _permits[call.Id] = permit;
        }

        call.CallerLegEvents = new CallerLegEvents(call);
        _calls[call.Id] = call;
        Track(call.RunAsync());
        return call.CallerLegEvents;
    }

    private CallerLegEvents Refuse(ILegSession leg, LegOffered offered, LegEndCause cause, LegMedia? media)
    {
        _services.Metrics.Rejected(cause);
        _services.Logger.CallRefused(leg.Id, offered.CallerNumber, offered.DialedNumber, cause);
        Track(RefuseAsync(leg, cause, media));
        return CallerLegEvents.Refused;
    }

    private static async Task RefuseAsync(ILegSession leg, LegEndCause cause, LegMedia? media)
    {
        if (media is not null)
        {
            await media.DisposeAsync().ConfigureAwait(false);
        }

        await leg.RejectAsync(cause, CancellationToken.None).ConfigureAwait(false);
    }

    /// <summary>The E.164 form of <paramref name="dialed"/> when the dial plan lets agents call it through the trunk, else null.</summary>
    private string? AllowedOut(string dialed)
    {
        if (dialed.Length == 0 || _normalizer.TryNormalize(dialed) is not { } e164)
        {
            return null;
        }

        return _services.Trunks.Choose(e164).Count > 0 ? e164 : null;
    }

    private void Finished(Call call)
    {
        _calls.TryRemove(call.Id, out _);
        ReleasePermit(call.Id);
    }

    private void ReleasePermit(Guid callId)
    {
        if (_permits.TryRemove(callId, out var permit))
        {
            permit.Dispose();
        }
    }

    private void Track(Task task)
    {
        _running.TryAdd(task, 0);
        _ = task.ContinueWith(t => _running.TryRemove(t, out _), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
    }
}
