using ContactCenter.CallEngine.Agents;
using ContactCenter.CallEngine.Media;
using ContactCenter.Contracts.Calls;
using ContactCenter.Media.Relay;
using ContactCenter.Sessions;

namespace ContactCenter.CallEngine.Calls;

/// <summary>
/// Moves an answered call from the agent on its callee leg to someone else: blind transfer (REFER from the agent's
/// phone, RFC 3515, or the API) and attended transfer (REFER with Replaces, RFC 3891), and the consultation call's
/// side of the latter (handing its callee over). The caller never hears silence: ringback while the target rings.
/// </summary>
internal sealed class CallTransfers(ICallContext call)
{
    private CallServices Services => call.Services;

    private CallState State => call.State;

    /// <summary>
    /// Takes the transfer on in one step on the call's loop (false when the call is not answered, already transferring or
    /// over: a request that raced the call's end) and runs it in the background (<see cref="TransferAsync"/>).
    /// </summary>
    public async Task<bool> TryStartAsync(string target, TransferKind kind, string? reason, Func<TransferProgress, Task>? progress)
    {
        var taken = await call.Loop.InvokeAsync(() =>
        {
            if (State.Phase != CallPhase.Answered || State.Bridge is not { } bridge || State.Transferring || State.CalleeLeg is not { } leg)
            {
                return null;
            }

            State.Transferring = true;
            State.TransferorLeft = false;

            // The caller hears ringback while the target rings: the agent's side of the bridge is the transfer's until it
            // ends (CallHold leaves it alone meanwhile, and the transfer's end applies what the phone asked for last).
            bridge.Hold(MediaLegSide.B, Tones.GetRingback(call.CallerMedia.Law));
            return new Transferor(leg, State.CalleeMedia, State.Agent, bridge);
        }).ConfigureAwait(false);
        if (taken is null)
        {
            return false;
        }

        call.Observe(TransferAsync(taken, target, kind, reason, progress));
        return true;
    }

    /// <summary>
    /// Attended transfer (RFC 3891 Replaces, seen from the B2BUA): the answering agent of <paramref name="self"/>
    /// consulted someone in <paramref name="consultation"/> (a call the agent placed) and now joins our caller with that
    /// call's callee. The callee's leg and media move here, the agent's legs in both calls end. False when either call
    /// is not in a state to do it (the caller keeps talking to the agent then).
    /// </summary>
    public async Task<bool> CompleteAttendedAsync(Call self, Call consultation, Func<TransferProgress, Task> progress)
    {
        var taken = ReferenceEquals(consultation, self) ? null : await call.Loop.InvokeAsync(() =>
        {
            if (State.Phase != CallPhase.Answered || State.Bridge is not { } bridge || State.Transferring || State.CalleeLeg is not { } leg)
            {
                return null;
            }

            State.Transferring = true;
            State.TransferorLeft = false;
            return new Transferor(leg, State.CalleeMedia, State.Agent, bridge);
        }).ConfigureAwait(false);
        if (taken is null)
        {
            return false;
        }

        var (oldLeg, oldMedia, oldAgent, bridge) = taken;
        var settled = false;
        try
        {
            Services.Logger.TransferStarted(call.Id, oldAgent ?? "?", consultation.DialedNumber, TransferKind.Attended);
            var leg = await consultation.HandOverCalleeAsync(self).ConfigureAwait(false);
            if (leg is null)
            {
                settled = true;
                if (!await SettleHoldAsync(bridge, oldMedia, oldAgent).ConfigureAwait(false))
                {
                    await call.EndAsync(CallEndedBy.System, "attended transfer failed after the agent left", LegEndCause.Unavailable, CallParty.Callee)
                        .ConfigureAwait(false);
                }

                return false;
            }

            var (adopted, oldReserved) = await call.Loop.InvokeAsync(() =>
            {
                if (State.Phase != CallPhase.Answered)
                {
                    return (false, false);
                }

                var reserved = State.AgentReserved;
                (State.CalleeLeg, State.CalleeEvents, State.CalleeMedia, State.Agent, State.AgentReserved) =
                    (leg.Leg, leg.Events, leg.Media, leg.Target, leg.IsAgent);
                bridge.Replace(MediaLegSide.B, leg.Media.Endpoint);
                bridge.Resume(MediaLegSide.B);
                return (true, reserved);
            }).ConfigureAwait(false);

            if (!adopted)
            {
                await call.DiscardAsync(leg).ConfigureAwait(false);
                return false;
            }

            await SettleHoldAsync(bridge, null, oldAgent).ConfigureAwait(false);
            settled = true;
            await FinishAsync(oldReserved ? oldAgent : null, progress, oldLeg, oldMedia).ConfigureAwait(false);
            call.Publish(sequence => new CallTransferred(Guid.NewGuid(), call.Id, sequence, call.Now, TransferKind.Attended, oldAgent ?? string.Empty, leg.Target,
                "attended transfer from call " + consultation.Id));
            Services.Logger.Transferred(call.Id, oldAgent ?? "?", leg.Target);
            return true;
        }
        finally
        {
            if (!settled)
            {
                // A transfer that ended without settling (the call ended, or an error): a transfer after this one keeps its own flag.
                await call.Loop.InvokeAsync(() => State.Transferring = false).ConfigureAwait(false);
            }
        }
    }

    /// <summary>
    /// Gives this call's answered callee (its leg, media and agent slot) to <paramref name="adopter"/> and ends this
    /// call without a BYE to that callee; the caller leg (the transferring agent) gets the BYE. Null when not answered.
    /// </summary>
    public async Task<AnsweredLeg?> HandOverCalleeAsync(Call adopter)
    {
        var leg = await call.Loop.InvokeAsync(() =>
        {
            if (State.Phase != CallPhase.Answered || State.Transferring || State.CalleeLeg is null || State.CalleeEvents is null || State.CalleeMedia is null
                || State.Agent is null)
            {
                return null;
            }

            // The leg keeps its session (and its session timer in the session layer); its events go to the adopter.
            var handed = new AnsweredLeg(State.Agent, State.CalleeLeg, State.CalleeEvents, State.CalleeMedia, State.AgentReserved);
            (State.CalleeLeg, State.CalleeEvents, State.CalleeMedia, State.AgentReserved) = (null, null, null, false);
            handed.Events.MoveTo(new CallLeg(adopter, CallParty.Callee));
            return handed;
        }).ConfigureAwait(false);
        if (leg is null)
        {
            return null;
        }

        // This call's bridge lets go of the callee's endpoint here, before the adopter's bridge takes it.
        await call.EndAsync(CallEndedBy.Agent, "attended transfer: the other party joined call " + adopter.Id, LegEndCause.Unavailable,
            CallParty.Callee).ConfigureAwait(false);
        return leg;
    }

    /// <summary>
    /// Moves the call from the agent on the callee leg to <paramref name="target"/> (blind transfer, RFC 5589 §6):
    /// the caller hears ringback while the target rings; when it answers, the bridge switches to it and the old
    /// agent's leg ends. When the target does not answer, the caller goes back to the old agent if still there.
    /// <paramref name="progress"/> hears the outcome (the session layer tells the REFER's sender in a NOTIFY).
    /// </summary>
    private async Task<bool> TransferAsync(Transferor from, string target, TransferKind kind, string? reason, Func<TransferProgress, Task>? progress)
    {
        var (oldLeg, oldMedia, oldAgent, bridge) = from;
        var settled = false;
        try
        {
            Services.Logger.TransferStarted(call.Id, oldAgent ?? "?", target, kind);
            var failure = "not answered";
            var answered = await call.NewOffer().OfferAsync(target, call.CallerMedia.Law, call.CallerNumber, call.Offered, (t, why) =>
            {
                failure = why;
                call.OfferFailed(t, why);
            }, call.Ending).ConfigureAwait(false);
            var (adopted, transferorLeft, oldReserved, gone) = await call.Loop.InvokeAsync(() =>
            {
                if (answered is null || State.Phase != CallPhase.Answered)
                {
                    return (false, State.TransferorLeft, false, false);
                }

                if (!answered.Leg.IsAnswered)
                {
                    // The target hung up as it answered (its end came before the leg was the call's): not adopted.
                    return (false, State.TransferorLeft, false, true);
                }

                // The old party's slot is released below only if it held one (an agent's outbound call's callee is the
                // client); the new party's slot, reserved by the offer, is the call's to release at its end.
                var reserved = State.AgentReserved;
                (State.CalleeLeg, State.CalleeEvents, State.CalleeMedia, State.Agent, State.AgentReserved) =
                    (answered.Leg, answered.Events, answered.Media, answered.Target, answered.IsAgent);
                bridge.Replace(MediaLegSide.B, answered.Media.Endpoint);
                bridge.Resume(MediaLegSide.B);
                return (true, State.TransferorLeft, reserved, false);
            }).ConfigureAwait(false);
            if (gone)
            {
                await call.DiscardAsync(answered!, AgentActivity.HungUpAsItAnswered).ConfigureAwait(false);
                failure = AgentActivity.HungUpAsItAnswered;
                call.OfferFailed(target, failure);
            }

            if (!adopted)
            {
                if (answered is not null && !gone)
                {
                    // The call ended while the target answered.
                    await call.DiscardAsync(answered).ConfigureAwait(false);
                    return false;
                }

                Services.Logger.TransferFailed(call.Id, target, failure);
                if (progress is not null)
                {
                    await progress(TransferProgress.Failed).ConfigureAwait(false);
                }

                settled = !transferorLeft && oldLeg.IsAnswered;
                if (!settled || !await SettleHoldAsync(bridge, oldMedia, oldAgent).ConfigureAwait(false))
                {
                    await call.EndAsync(CallEndedBy.System, $"transfer to {target} failed ({failure}) after the agent left", LegEndCause.Unavailable,
                        CallParty.Callee).ConfigureAwait(false);
                }

                return false;
            }

            await SettleHoldAsync(bridge, null, oldAgent).ConfigureAwait(false);
            settled = true;
            await FinishAsync(oldReserved ? oldAgent : null, progress, oldLeg, oldMedia).ConfigureAwait(false);
            call.Publish(sequence => new CallTransferred(Guid.NewGuid(), call.Id, sequence, call.Now, kind, oldAgent ?? string.Empty, target, reason));
            Services.Logger.Transferred(call.Id, oldAgent ?? "?", target);
            return true;
        }
        finally
        {
            if (!settled)
            {
                // A transfer that ended without settling (the call ended, or an error): a transfer after this one keeps its own flag.
                await call.Loop.InvokeAsync(() => State.Transferring = false).ConfigureAwait(false);
            }
        }
    }

    /// <summary>
    /// The callee's side of the bridge once a transfer is over, in one step that also ends the transfer (so an agent's
    /// hang-up after it ends the call as any other). The ringback stops, and the side is held (music) or heard as the
    /// phone now on it asked last: after a success the new party (the transferring agent's hold left with its leg), after
    /// a failure the agent's (<paramref name="failedFrom"/>), which most phones hold before they transfer and may resume
    /// or hold again while the target rings. A change of the call's hold state is published. False when the agent hung up
    /// meanwhile after a failure (the caller is alone).
    /// </summary>
    private async Task<bool> SettleHoldAsync(MediaBridge bridge, LegMedia? failedFrom, string? agent)
    {
        var music = await CallHold.MusicAsync(Services, call.CallerMedia.Law).ConfigureAwait(false);
        var (left, wasHeld, held, who) = await call.Loop.InvokeAsync(() =>
        {
            State.Transferring = false;
            if (State.Bridge != bridge)
            {
                return (false, false, false, agent); // the call ended meanwhile
            }

            if (failedFrom is not null && State.TransferorLeft)
            {
                return (true, false, false, agent);
            }

            if (State.CalleeMedia is { PeerHolds: true })
            {
                bridge.Hold(MediaLegSide.B, music);
            }
            else
            {
                bridge.Resume(MediaLegSide.B);
            }

            var before = State.Held;
            var now = CallHold.MarkHeld(State, bridge);

            // A hold that ends is the transferring agent's; one that starts is the phone's now on the side.
            return (false, before, now, now && !before ? State.Agent ?? agent : agent);
        }).ConfigureAwait(false);
        if (held != wasHeld)
        {
            CallHold.Published(call, held, who ?? string.Empty, call.Now);
        }

        return !left;
    }

    /// <summary>The new party is in: the old agent is free, the transferor hears 200, its leg ends and its ports close.</summary>
    private async Task FinishAsync(string? oldAgent, Func<TransferProgress, Task>? progress, ILegSession oldLeg, LegMedia? oldMedia)
    {
        if (oldAgent is not null)
        {
            Services.Agents.Release(oldAgent, talked: true);
        }

        if (progress is not null)
        {
            await progress(TransferProgress.Succeeded).ConfigureAwait(false);
        }

        await oldLeg.HangUpAsync(CancellationToken.None).ConfigureAwait(false);
        if (oldMedia is not null)
        {
            await oldMedia.DisposeAsync().ConfigureAwait(false);
        }
    }

    /// <summary>What a transfer takes from the call when it starts: the transferring agent's leg, media and name, and the bridge.</summary>
    private sealed record Transferor(ILegSession Leg, LegMedia? Media, string? Agent, MediaBridge Bridge);
}
