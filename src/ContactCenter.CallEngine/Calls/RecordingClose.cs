using ContactCenter.CallEngine.Media;
using ContactCenter.Contracts.Calls;

namespace ContactCenter.CallEngine.Calls;

/// <summary>
/// The end-of-call step that closes a call's recording and says what it left (issue #15): the whole call, the call up
/// to a write that failed, or - when it could not start or its file could not be kept - nothing, with the problem.
/// </summary>
internal static class RecordingClose
{
    /// <summary>The step for <paramref name="call"/>: null when there is neither a recording nor a refusal to report.</summary>
    public static Func<ValueTask>? Step(Call call, CallServices services, CallRecording? recording, string? refused)
    {
        if (recording is not null)
        {
            return async () =>
            {
                await recording.DisposeAsync().ConfigureAwait(false);
                if (recording.Problem is { } problem)
                {
                    services.Recordings.Failed(call.Id, recording.FileState, problem, recording.Failure);
                }
                else
                {
                    services.Recordings.Completed();
                }

                call.Publish(sequence => new RecordingAvailable(Guid.NewGuid(), call.Id, sequence, call.Now, recording.Path, recording.Duration)
                {
                    Problem = recording.Problem,
                    File = recording.FileState,
                });
            };
        }

        return refused is null ? null : () =>
        {
            call.Publish(sequence => new RecordingAvailable(Guid.NewGuid(), call.Id, sequence, call.Now, "", TimeSpan.Zero)
            {
                Problem = "not recorded: " + refused,
                File = RecordingFileState.Missing,
            });
            return ValueTask.CompletedTask;
        };
    }
}
