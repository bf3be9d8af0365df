using ContactCenter.CallEngine.Media;
using ContactCenter.CallEngine.Routing;
using ContactCenter.Contracts.Calls;
using ContactCenter.Media.Audio;
using ContactCenter.Media.Relay;
using ContactCenter.Sessions;

namespace ContactCenter.CallEngine.Calls;

/// <summary>
/// The after-hours path with voicemail (issue #18): the queue is closed, so the service answers the caller itself, plays
/// the closed announcement (and the <c>voicemail</c> prompt when one is installed), a beep, and records the caller alone
/// until they hang up, press <c>#</c>, or <c>Sip:Calls:VoicemailMaxSeconds</c> pass. Each change of the call's state is
/// a step on its loop; what it holds (the player, the message) lives in the call's state, so the call's one end step
/// list closes it whichever way the call ends.
/// </summary>
internal sealed class VoicemailTaking(ICallContext call)
{
    private CallServices Services => call.Services;

    /// <summary>Takes the message for <paramref name="box"/>; returns when the call ended.</summary>
    public async Task RunAsync(VoicemailBox box, Guid? clientId, string? callerNumberE164, CancellationToken cancellationToken)
    {
        var state = call.State;
        var media = call.CallerMedia;
        var (leg, ringback) = await call.Loop.InvokeAsync(() =>
        {
            if (state.Phase != CallPhase.Ringing || state.CallerLeg is not { } caller)
            {
                return (null, null);
            }

            state.Phase = CallPhase.Voicemail;
            state.AnsweredAt = call.Now;
            var playing = state.Ringback;
            state.Ringback = null;
            playing?.Stop();
            return ((ILegSession?)caller, playing);
        }).ConfigureAwait(false);
        if (leg is null)
        {
            return;
        }

        if (ringback is not null)
        {
            await ringback.DisposeAsync().ConfigureAwait(false);
        }

        if (!await leg.AnswerAsync(media.Local!, CancellationToken.None).ConfigureAwait(false))
        {
            // The session layer refuses to answer a caller that cancelled (RFC 3261 §9.2): the same end as its CANCEL's, whichever comes first.
            await call.CancelByCallerAsync().ConfigureAwait(false);
            return;
        }

        Services.Logger.VoicemailStarted(call.Id, box.QueueName);
        foreach (var name in (string[])["closed", "voicemail"])
        {
            if (await Services.Announcements.GetAsync(name, media.Law, cancellationToken).ConfigureAwait(false) is { } prompt)
            {
                await PlayAsync(prompt, cancellationToken).ConfigureAwait(false);
            }
        }

        await PlayAsync(Tones.GetBeep(media.Law), cancellationToken).ConfigureAwait(false);
        var message = await call.Loop.InvokeAsync(() => Start(box, clientId, callerNumberE164)).ConfigureAwait(false);
        if (message is null)
        {
            cancellationToken.ThrowIfCancellationRequested();
            await call.EndAsync(CallEndedBy.System, "voicemail cannot be recorded", LegEndCause.Failed, null).ConfigureAwait(false);
            return;
        }

        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var limit = Task.Delay(TimeSpan.FromSeconds(Services.Calls.VoicemailMaxSeconds), Services.Time, stop.Token);
        var first = await Task.WhenAny(message.Finished, limit).ConfigureAwait(false);
        await stop.CancelAsync().ConfigureAwait(false);
        cancellationToken.ThrowIfCancellationRequested(); // the caller hung up: the end step closed the message
        await (first == limit
            ? call.EndAsync(CallEndedBy.System, "voicemail: maximum length reached", LegEndCause.HungUp, null)
            : call.EndAsync(CallEndedBy.Caller, "voicemail left (# pressed)", LegEndCause.HungUp, null)).ConfigureAwait(false);
    }

    /// <summary>The step that starts the recording (null when the call is over, or the file cannot be made).</summary>
    private VoicemailMessage? Start(VoicemailBox box, Guid? clientId, string? callerNumberE164)
    {
        var state = call.State;
        if (state.Phase != CallPhase.Voicemail)
        {
            return null;
        }

        try
        {
            var recording = VoicemailRecording.Start(Services.Options.Recording, call.Id, call.Now, call.CallerMedia.Endpoint);
            state.Voicemail = new VoicemailMessage(call, recording, box, clientId, callerNumberE164);
            return state.Voicemail;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            Services.Logger.VoicemailFailed(ex, call.Id);
            return null;
        }
    }

    /// <summary>Plays <paramref name="frames"/> to the answered caller and waits for its end (the player is the call's while it plays).</summary>
    private async Task PlayAsync(G711Frames frames, CancellationToken cancellationToken)
    {
        var state = call.State;
        var player = await call.Loop.InvokeAsync(() =>
        {
            if (state.Phase != CallPhase.Voicemail)
            {
                return null;
            }

            var started = Services.Relay.CreatePlayer(call.CallerMedia.Endpoint, frames, loop: false);
            state.Ringback = started;
            started.Start();
            return started;
        }).ConfigureAwait(false);
        if (player is null)
        {
            return;
        }

        try
        {
            await player.Completion.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            var mine = await call.Loop.InvokeAsync(() =>
            {
                if (state.Ringback != player)
                {
                    return false; // the end step took it
                }

                state.Ringback = null;
                return true;
            }).ConfigureAwait(false);
            if (mine)
            {
                await player.DisposeAsync().ConfigureAwait(false);
            }
        }
    }
}
