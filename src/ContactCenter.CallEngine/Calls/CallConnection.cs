using ContactCenter.CallEngine.Media;
using ContactCenter.Contracts.Calls;
using ContactCenter.Media.Relay;
using ContactCenter.Sessions;

namespace ContactCenter.CallEngine.Calls;

/// <summary>
/// Connecting an inbound <see cref="Call"/>'s answering leg: the ringback stops, the bridge joins the legs, the caller
/// gets our answer, the answer is published and the recording starts (the queue's,
/// then the service number's, then the global switch). A leg that answered too late is discarded.
/// </summary>
internal sealed class CallConnection(Call call, CallServices services, CallState state, LegMedia callerMedia, ILegSession caller)
{
    /// <summary>The target answered: stop ringback, bridge the media, answer the caller with the SDP it already has.</summary>
    public async Task ConnectAsync(AnsweredLeg answered, Func<bool?> routingRecord)
    {
        AnnouncementPlayer? ringback = null;
        var connected = false;
        lock (state.Gate)
        {
            if (state.Phase == CallPhase.Ringing)
            {
                connected = true;
                state.Phase = CallPhase.Answered;
                (state.CalleeLeg, state.CalleeEvents, state.CalleeMedia, state.Agent, state.AgentReserved) =
                    (answered.Leg, answered.Events, answered.Media, answered.Target, answered.IsAgent);
                state.AnsweredAt = call.Now;
                ringback = state.Ringback;
                state.Ringback = null;
                ringback?.Stop();
                state.Bridge = services.Relay.CreateBridge(callerMedia.Endpoint, answered.Media.Endpoint);
                state.Bridge.SilenceTimedOut += call.OnSilence;
            }
        }

        if (!connected)
        {
            // The caller left while the agent answered: end the agent's new leg too.
            await DiscardAsync(answered).ConfigureAwait(false);
            return;
        }

        if (ringback is not null)
        {
            await ringback.DisposeAsync().ConfigureAwait(false);
        }

        if (!await caller.AnswerAsync(callerMedia.Local!, CancellationToken.None).ConfigureAwait(false))
        {
            await call.EndAsync(CallEndedBy.System, "caller leg gone before the answer", LegEndCause.Cancelled, null).ConfigureAwait(false);
            return;
        }

        call.Publish(sequence => new CallAnswered(Guid.NewGuid(), call.Id, sequence, call.Now, answered.Target, call.CallerNumber) { Trunk = answered.Trunk });
        services.Router.Complete(call.Id, answered.Target);
        services.Metrics.Answered(call.Now - call.StartedAt);
        services.Logger.Answered(call.Id, answered.Target);
        StartRecording(routingRecord());
    }

    /// <summary>An answered leg the call cannot use any more: hang it up, free its slot and ports.</summary>
    public async Task DiscardAsync(AnsweredLeg answered)
    {
        await answered.Leg.HangUpAsync(CancellationToken.None).ConfigureAwait(false);
        if (answered.IsAgent)
        {
            services.Agents.Release(answered.Target, talked: false);
        }

        await answered.Media.DisposeAsync().ConfigureAwait(false);
    }

    private void StartRecording(bool? routingRecord)
    {
        var options = services.Options;
        // The most specific switch wins: the queue's, then the service number's, then the global one.
        var enabled = routingRecord
            ?? (options.ServiceNumbers.TryGetValue(call.DialedNumber, out var number) && number.Record is { } record ? record : options.Recording.Enabled);
        if (!enabled)
        {
            return;
        }

        lock (state.Gate)
        {
            if (state.Bridge is null || state.Recording is not null)
            {
                return;
            }

            try
            {
                state.Recording = CallRecording.Start(options.Recording, call.Id, call.StartedAt, state.Bridge);
            }
            catch (IOException ex)
            {
                services.Logger.RecordingFailed(ex, call.Id);
            }
            catch (UnauthorizedAccessException ex)
            {
                services.Logger.RecordingFailed(ex, call.Id);
            }
        }
    }
}
