using ContactCenter.CallEngine.Agents;
using ContactCenter.CallEngine.Media;
using ContactCenter.Contracts.Calls;
using ContactCenter.Media.Audio;
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
        var taken = await call.Loop.InvokeAsync(() => Take(ringback: true)).ConfigureAwait(false);
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
        var taken = ReferenceEquals(consultation, self) ? null : await call.Loop.InvokeAsync(() => Take(ringback: false)).ConfigureAwait(false);
        if (taken is null)
        {
            return false;
        }

        var (oldLeg, oldMedia, oldAgent, bridge, _) = taken;
        var settled = false;
        try
        {
            Services.Logger.TransferStarted(call.Id, oldAgent ?? "?", consultation.DialedNumber, TransferKind.Attended);
            var music = await CallHold.MusicAsync(Services, call.CallerMedia.Law).ConfigureAwait(false);
            var leg = await consultation.HandOverCalleeAsync(self).ConfigureAwait(false);
            if (leg is null)
            {
                var agentThere = await call.Loop.InvokeAsync(() => Settle(taken, succeeded: false, music)).ConfigureAwait(false);
                settled = true;
                if (!agentThere)
                {
                    await AgentLeftAsync("attended transfer failed after the agent left").ConfigureAwait(false);
                }

                return false;
            }

            // The colleague's leg and media come in, and its side is settled (held as its phone asks) in the same step. A
            // colleague who hung up during the hand-over is not taken: the caller goes back to the agent.
            var (adopted, oldReserved, back) = await call.Loop.InvokeAsync(() =>
            {
                if (State.Phase != CallPhase.Answered)
                {
                    return (false, false, (bool?)null);
                }

                if (!leg.Leg.IsAnswered)
                {
                    return (false, false, Settle(taken, succeeded: false, music));
                }

                var reserved = State.AgentReserved;
                (State.CalleeLeg, State.CalleeEvents, State.CalleeMedia, State.Agent, State.AgentReserved) =
                    (leg.Leg, leg.Events, leg.Media, leg.Target, leg.IsAgent);
                bridge.Replace(MediaLegSide.B, leg.Media.Endpoint);
                Settle(taken, succeeded: true, music);
                return (true, reserved, (bool?)true);
            }).ConfigureAwait(false);

            if (!adopted)
            {
                settled = back is not null;
                await call.DiscardAsync(leg).ConfigureAwait(false);
                if (back == false)
                {
                    await AgentLeftAsync("attended transfer failed after the agent left").ConfigureAwait(false);
                }

                return false;
            }

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
                await call.Loop.InvokeAsync(EndTransfer).ConfigureAwait(false);
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
        var (oldLeg, oldMedia, oldAgent, bridge, _) = from;
        var settled = false;
        try
        {
            Services.Logger.TransferStarted(call.Id, oldAgent ?? "?", target, kind);
            var music = await CallHold.MusicAsync(Services, call.CallerMedia.Law).ConfigureAwait(false);
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
                // client); the new party's slot, reserved by the offer, is the call's to release at its end. The ringback
                // stops in the same step: the caller hears the new party.
                var reserved = State.AgentReserved;
                (State.CalleeLeg, State.CalleeEvents, State.CalleeMedia, State.Agent, State.AgentReserved) =
                    (answered.Leg, answered.Events, answered.Media, answered.Target, answered.IsAgent);
                bridge.Replace(MediaLegSide.B, answered.Media.Endpoint);
                Settle(from, succeeded: true, music);
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
                if (!settled || !await call.Loop.InvokeAsync(() => Settle(from, succeeded: false, music)).ConfigureAwait(false))
                {
                    await AgentLeftAsync($"transfer to {target} failed ({failure}) after the agent left").ConfigureAwait(false);
                }

                return false;
            }

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
                await call.Loop.InvokeAsync(EndTransfer).ConfigureAwait(false);
            }
        }
    }

    // On the loop: takes a transfer on (null when the call is not answered, already transferring or over: a request that
    // raced the call's end). A blind transfer's caller hears ringback while the target rings: the callee's side of the
    // bridge is the transfer's until it is settled (CallHold leaves it alone meanwhile).
    private Transferor? Take(bool ringback)
    {
        if (State.Phase != CallPhase.Answered || State.Bridge is not { } bridge || State.Transferring || State.CalleeLeg is not { } leg)
        {
            return null;
        }

        State.Transferring = true;
        State.TransferorLeft = false;
        var heldBefore = bridge.IsOnHold(MediaLegSide.B);
        if (ringback)
        {
            bridge.Hold(MediaLegSide.B, Tones.GetRingback(call.CallerMedia.Law));
            State.RingbackOverHold = heldBefore;
        }

        return new Transferor(leg, State.CalleeMedia, State.Agent, bridge, heldBefore);
    }

    // On the loop: ends the transfer and sets the callee's side of the bridge as the phone now on it asks - the new party's
    // after a success, the agent's after a failure (most phones hold before they transfer, and may resume or hold again
    // while the target rings): music while it holds, else the two talk. Publishes the holds that change, per party as the
    // CRM's timeline reads them (the transferring agent's hold ends when it leaves or resumes; the new party's starts), in
    // this step so they keep their order with the holds that follow. False when the agent had left after a failure.
    private bool Settle(Transferor from, bool succeeded, G711Frames? music)
    {
        EndTransfer();
        if (State.Bridge != from.Bridge)
        {
            return true; // the call ended meanwhile
        }

        if (!succeeded && State.TransferorLeft)
        {
            return false;
        }

        var holds = State.CalleeMedia is { PeerHolds: true };
        if (holds)
        {
            from.Bridge.Hold(MediaLegSide.B, music);
        }
        else
        {
            from.Bridge.Resume(MediaLegSide.B);
        }

        CallHold.MarkHeld(State, from.Bridge);
        var oldAgent = from.Agent ?? string.Empty;
        if (succeeded)
        {
            if (from.HeldBefore)
            {
                CallHold.Published(call, hold: false, oldAgent, call.Now);
            }

            if (holds)
            {
                CallHold.Published(call, hold: true, State.Agent ?? string.Empty, call.Now);
            }
        }
        else if (holds != from.HeldBefore)
        {
            CallHold.Published(call, holds, oldAgent, call.Now);
        }

        return true;
    }

    // On the loop: no transfer runs any more (its ringback, if any, is replaced by whoever settles the callee's side).
    private void EndTransfer() => (State.Transferring, State.RingbackOverHold) = (false, null);

    // The transfer failed and the transferring agent had hung up: the caller is alone on the call, which ends.
    private Task AgentLeftAsync(string reason) =>
        call.EndAsync(CallEndedBy.System, reason, LegEndCause.Unavailable, CallParty.Callee);

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

    /// <summary>
    /// What a transfer takes from the call when it starts: the transferring agent's leg, media and name, the bridge, and
    /// whether the agent's phone held the call then (a hold published before the transfer).
    /// </summary>
    private sealed record Transferor(ILegSession Leg, LegMedia? Media, string? Agent, MediaBridge Bridge, bool HeldBefore);

}
