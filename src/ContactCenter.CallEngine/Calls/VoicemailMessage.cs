using ContactCenter.CallEngine.Media;
using ContactCenter.CallEngine.Routing;
using ContactCenter.Contracts.Calls;

namespace ContactCenter.CallEngine.Calls;

/// <summary>
/// A message being left on a call (<see cref="CallState.Voicemail"/>): its recording and where it goes. The call's end
/// closes it in its clean-up's recording step: a message long enough and not silent is kept and announced
/// (RecordingAvailable, then VoicemailLeft); any other is deleted.
/// </summary>
internal sealed class VoicemailMessage(ICallContext call, VoicemailRecording recording, VoicemailBox box, Guid? clientId, string? callerNumberE164)
{
    // Under this much speech-level audio a message is taken for silence (a caller who hung up at the beep, line noise).
    private static readonly TimeSpan MinimumVoiced = TimeSpan.FromMilliseconds(300);

    /// <summary>Completes when the caller pressed <c>#</c>.</summary>
    public Task Finished => recording.Finished;

    /// <summary>Closes the recording and announces it, or deletes it (the clean-up's recording step).</summary>
    public async ValueTask CloseAsync()
    {
        var services = call.Services;
        if (!await recording.CloseAsync(services.Calls.VoicemailMinLength, MinimumVoiced).ConfigureAwait(false))
        {
            services.Logger.VoicemailDiscarded(call.Id, box.QueueName, recording.Duration.TotalSeconds, recording.Voiced.TotalSeconds);
            return;
        }

        services.Logger.VoicemailKept(call.Id, box.QueueName, recording.Duration.TotalSeconds, recording.Path);
        call.Publish(sequence => new RecordingAvailable(Guid.NewGuid(), call.Id, sequence, call.Now, recording.Path, recording.Duration));
        call.Publish(sequence => new VoicemailLeft(Guid.NewGuid(), call.Id, sequence, call.Now, call.CallerNumber, callerNumberE164, clientId,
            box.QueueName, recording.Path, recording.Duration, box.OpensAt)
        {
            QueueMembers = box.Members,
        });
    }
}
