using ContactCenter.CallEngine.Media;
using ContactCenter.Contracts.Calls;
using ContactCenter.Media.Relay;
using ContactCenter.Sessions;

namespace ContactCenter.CallEngine.Calls;

/// <summary>
/// Connecting a call's answering leg, as one step on the call's loop and the I/O after it: the ringback stops, the
/// bridge joins the legs and the recording starts on it (the queue's switch, then the service number's, then the global
/// one), an arriving caller gets our answer, the answer is published. A leg that answered too late is discarded.
/// </summary>
internal sealed class CallConnection(Call call, CallServices services)
{
    /// <summary>The connecting step's answer for a leg that ended before it.</summary>
    private static readonly Connected LegGone = new(null, null, null);

    private CallState State => ((ICallContext)call).State;

    /// <summary>
    /// The target answered: stop ringback, bridge the media, answer an arriving caller with the SDP it already has. False
    /// when the answered leg had ended before it could be connected (its peer hung up as it answered): discarded, the
    /// offer failed, the call still rings.
    /// </summary>
    public async Task<bool> ConnectAsync(AnsweredLeg answered, Func<bool?> routingRecord)
    {
        var connected = await call.Loop.InvokeAsync(() => Connect(answered, routingRecord)).ConfigureAwait(false);
        if (ReferenceEquals(connected, LegGone))
        {
            await DiscardAsync(answered, Agents.AgentActivity.HungUpAsItAnswered).ConfigureAwait(false);
            call.OfferFailed(answered.Target, Agents.AgentActivity.HungUpAsItAnswered);
            return false;
        }

        if (connected is not { } ringback)
        {
            // The caller left while the target answered: end the target's new leg too.
            await DiscardAsync(answered).ConfigureAwait(false);
            return true;
        }

        if (ringback.Player is { } player)
        {
            await player.DisposeAsync().ConfigureAwait(false);
        }

        if (!call.IsPlaced && !await ringback.CallerLeg!.AnswerAsync(ringback.CallerMedia!.Local!, CancellationToken.None).ConfigureAwait(false))
        {
            // The session layer refuses to answer a caller that cancelled (RFC 3261 §9.2): the same end as its CANCEL's, whichever comes first.
            await call.CancelByCallerAsync().ConfigureAwait(false);
            return true;
        }

        var (agent, other) = call.IsPlaced ? (call.CallerNumber, call.DialedNumber) : (answered.Target, call.CallerNumber);
        call.Publish(sequence => new CallAnswered(Guid.NewGuid(), call.Id, sequence, call.Now, agent, other) { Trunk = answered.Trunk });
        if (!call.IsPlaced)
        {
            services.Router.Complete(call.Id, answered.Target);
        }

        services.Metrics.Answered(call.Now - call.StartedAt);
        services.Logger.Answered(call.Id, agent);
        call.Outcome.TrySetResult(OriginateOutcome.Connected);
        if (ringback.HeldEarlier)
        {
            await call.ApplyEarlierHoldsAsync().ConfigureAwait(false);
        }
        return true;
    }

    /// <summary>An answered leg the call cannot use any more: hang it up, free its slot (with the offer's <paramref name="failure"/>, if it failed) and ports.</summary>
    public async Task DiscardAsync(AnsweredLeg answered, string? failure = null)
    {
        await answered.Leg.HangUpAsync(CancellationToken.None).ConfigureAwait(false);
        if (answered.IsAgent)
        {
            services.Agents.Release(answered.Target, talked: false, failure, answered: true);
        }

        await answered.Media.DisposeAsync().ConfigureAwait(false);
    }

    /// <summary>The connecting step (on the loop); null when the call no longer rings, <see cref="LegGone"/> when the leg has ended.</summary>
    private Connected? Connect(AnsweredLeg answered, Func<bool?> routingRecord)
    {
        if (State.Phase != CallPhase.Ringing || State.CallerMedia is not { } callerMedia)
        {
            return null;
        }

        if (!answered.Leg.IsAnswered)
        {
            // Its end came before this step, when the leg was not yet the call's, so the call dropped it (Call.OnLegEnded).
            // An end that comes after this step finds the leg stored and ends the call.
            return LegGone;
        }

        State.Phase = CallPhase.Answered;
        (State.CalleeLeg, State.CalleeEvents, State.CalleeMedia) = (answered.Leg, answered.Events, answered.Media);
        if (!call.IsPlaced)
        {
            (State.Agent, State.AgentReserved) = (answered.Target, answered.IsAgent);
        }

        State.AnsweredAt = call.Now;
        var ringback = State.Ringback;
        State.Ringback = null;
        ringback?.Stop();
        State.Bridge = services.Relay.CreateBridge(callerMedia.Endpoint, answered.Media.Endpoint);
        State.Bridge.SilenceTimedOut += call.OnSilence;
        // In the same step as the bridge: a call that ends at once still closes its recording and says what it holds.
        StartRecording(routingRecord());
        // Read here so that the common call (no party held before the bridge) spends no step on it after.
        return new Connected(ringback, State.CallerLeg, callerMedia, callerMedia.PeerHolds || answered.Media.PeerHolds);
    }

    // On the loop, in the connecting step.
    private void StartRecording(bool? routingRecord)
    {
        var options = services.Options;
        // The most specific switch wins: the queue's, then the service number's, then the global one.
        var enabled = routingRecord
            ?? (options.ServiceNumbers.TryGetValue(call.DialedNumber, out var number) && number.Record is { } record ? record : options.Recording.Enabled);
        if (!enabled || State.Bridge is null || State.Recording is not null)
        {
            return;
        }

        try
        {
            State.Recording = CallRecording.Start(options.Recording, call.Id, call.StartedAt, State.Bridge);
            State.RecordingRefused = null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // The call goes on unrecorded; its RecordingAvailable says so at the end (issue #15).
            State.RecordingRefused = ex.Message;
            services.Recordings.Failed(call.Id, RecordingFileState.Missing, "not recorded: " + ex.Message, ex);
        }
    }

    /// <summary>What the connecting step hands to the I/O after it.</summary>
    private sealed record Connected(AnnouncementPlayer? Player, ILegSession? CallerLeg, LegMedia? CallerMedia, bool HeldEarlier = false);
}
