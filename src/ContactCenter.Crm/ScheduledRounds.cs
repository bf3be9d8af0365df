namespace ContactCenter.Crm;

/// <summary>The loop of the CRM's schedules: a round every interval until shutdown; a failed round is reported and the next one runs.</summary>
internal static class ScheduledRounds
{
    public static async Task RunAsync(TimeSpan interval, TimeProvider time, Func<CancellationToken, Task> round, Action<Exception> failed,
        CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(interval, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
            {
                try
                {
                    await round(stoppingToken).ConfigureAwait(false);
                }
#pragma warning disable CA1031 // A schedule must survive one bad round (database outage); it is reported and tried again next time.
                catch (Exception ex) when (ex is not OperationCanceledException)
#pragma warning restore CA1031
                {
                    failed(ex);
                }
            }
        }
        catch (OperationCanceledException)
        {
            // Shutting down.
        }
    }
}
