namespace ContactCenter.Acd;

/// <summary>Retries a start-up read until the database answers: 2 s, 4 s, ... up to 30 s apart; only the first failure is reported.</summary>
internal static class StartupRetry
{
    public static async Task RunAsync(Func<CancellationToken, Task> action, Action<Exception> firstFailure, TimeProvider time, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await action(cancellationToken).ConfigureAwait(false);
                return;
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                if (attempt == 1)
                {
                    firstFailure(ex);
                }

                await Task.Delay(TimeSpan.FromSeconds(Math.Min(30, attempt * 2)), time, cancellationToken).ConfigureAwait(false);
            }
        }
    }
}
