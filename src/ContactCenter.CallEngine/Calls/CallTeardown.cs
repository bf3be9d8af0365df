using Microsoft.Extensions.Logging;

namespace ContactCenter.CallEngine.Calls;

/// <summary>
/// The end-of-call clean-up, written once for every kind of call: signalling first (the parties learn of the end at
/// once), then the announcement, the recording, the bridge, the agents' slots, the media ports, CallEnded and the
/// call's removal. Every step runs on its own: one that fails (a recording on a full disk, a bus error) is logged and
/// never keeps the others from running, so no agent stays busy, no port leaks and no call stays listed.
/// </summary>
internal static class CallTeardown
{
    /// <summary>The names of the steps after signalling, in the order they run (logs and tests use them).</summary>
    public static readonly IReadOnlyList<string> Steps =
        ["announcement", "recording", "bridge", "agents", "media summary", "media", "CallEnded", "routing", "report", "remove"];

    /// <summary>Runs every step of <paramref name="end"/>; never throws.</summary>
    public static async Task RunAsync(EndOfCall end, Guid callId, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(end);
        foreach (var (step, run) in end.Signalling)
        {
            await StepAsync(step, run, callId, logger).ConfigureAwait(false);
        }

        await StepAsync(Steps[0], () => DisposeAsync(end.Ringback), callId, logger).ConfigureAwait(false);
        await StepAsync(Steps[1], () => end.CloseRecording is { } close ? close().AsTask() : Task.CompletedTask, callId, logger).ConfigureAwait(false);
        await StepAsync(Steps[2], () => DisposeAsync(end.Bridge), callId, logger).ConfigureAwait(false);
        foreach (var release in end.AgentReleases)
        {
            await StepAsync(Steps[3], Run(release), callId, logger).ConfigureAwait(false);
        }

        await StepAsync(Steps[4], Run(end.LogMedia), callId, logger).ConfigureAwait(false);
        foreach (var media in end.Media)
        {
            await StepAsync(Steps[5], () => DisposeAsync(media), callId, logger).ConfigureAwait(false);
        }

        await StepAsync(Steps[6], Run(end.PublishEnded), callId, logger).ConfigureAwait(false);
        await StepAsync(Steps[7], Run(end.CompleteRouting), callId, logger).ConfigureAwait(false);
        await StepAsync(Steps[8], Run(end.Report), callId, logger).ConfigureAwait(false);
        await StepAsync(Steps[9], Run(end.Remove), callId, logger).ConfigureAwait(false);
    }

    private static Func<Task> Run(Action? action) => () =>
    {
        action?.Invoke();
        return Task.CompletedTask;
    };

    private static Task DisposeAsync(IAsyncDisposable? disposable) => disposable is null ? Task.CompletedTask : disposable.DisposeAsync().AsTask();

    private static async Task StepAsync(string step, Func<Task> run, Guid callId, ILogger logger)
    {
        try
        {
            await run().ConfigureAwait(false);
        }
#pragma warning disable CA1031 // One failing clean-up step must not skip the others (issue #14).
        catch (Exception ex)
#pragma warning restore CA1031
        {
            logger.EndStepFailed(ex, callId, step);
        }
    }
}
