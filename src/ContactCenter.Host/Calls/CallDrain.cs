using ContactCenter.CallEngine.Calls;
using Microsoft.Extensions.Options;

namespace ContactCenter.Host.Calls;

/// <summary>
/// The first thing a graceful stop does (registered after the engine, so stopped before it): refuse new calls, then
/// wait up to <see cref="DrainOptions.Timeout"/> for the live ones to finish. The engine's own shutdown then sends BYE
/// to whatever is still up, and the call-event spool syncs the last events.
/// </summary>
public sealed partial class CallDrain(CallManager calls, CallDrainState state, IOptions<DrainOptions> options, TimeProvider time,
    ILogger<CallDrain> logger) : IHostedService
{
    /// <inheritdoc />
    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <inheritdoc />
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        state.Begin();
        var live = calls.GetCalls().Count;
        if (live == 0 || options.Value.Timeout <= TimeSpan.Zero)
        {
            return;
        }

        LogDraining(logger, live, options.Value.Timeout);
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(options.Value.Timeout);
        try
        {
            while (calls.GetCalls().Count > 0)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(200), time, limit.Token).ConfigureAwait(false);
            }

            LogDrained(logger);
        }
        catch (OperationCanceledException)
        {
            LogDrainTimedOut(logger, calls.GetCalls().Count);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Stopping: new calls refused with 503; waiting up to {Timeout} for {Calls} live calls")]
    private static partial void LogDraining(ILogger logger, int calls, TimeSpan timeout);

    [LoggerMessage(Level = LogLevel.Information, Message = "Stopping: every call finished")]
    private static partial void LogDrained(ILogger logger);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Stopping: drain time over, {Calls} calls get BYE")]
    private static partial void LogDrainTimedOut(ILogger logger, int calls);
}
