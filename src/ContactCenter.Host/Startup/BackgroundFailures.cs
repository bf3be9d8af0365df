namespace ContactCenter.Host.Startup;

/// <summary>Finds background services that died, after the host stopped, so the process can exit non-zero.</summary>
public static partial class BackgroundFailures
{
    /// <summary>
    /// The process's exit code after the host stopped: 0, or 1 when a background service ended with an exception (each
    /// logged), or 2 when that was a start-up refusal (configuration, production secrets), said on standard error as a
    /// refusal at start is.
    /// </summary>
    public static int ExitCode(IServiceProvider services)
    {
        ArgumentNullException.ThrowIfNull(services);
        var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger("ContactCenter.Host.Startup");
        var exitCode = 0;
        foreach (var service in services.GetServices<IHostedService>().OfType<BackgroundService>())
        {
            if (service.ExecuteTask is not { IsFaulted: true } task)
            {
                continue;
            }

            if (task.Exception?.InnerException is { } cause && StartupErrors.TryDescribe(cause, out var refusal))
            {
                Console.Error.WriteLine($"ContactCenter cannot start: {refusal}");
                exitCode = 2;
                continue;
            }

            LogFailed(logger, task.Exception, service.GetType().Name);
            exitCode = Math.Max(exitCode, 1);
        }

        return exitCode;
    }

    [LoggerMessage(Level = LogLevel.Critical, Message = "Background service {Service} failed and stopped the host; exiting with 1")]
    private static partial void LogFailed(ILogger logger, Exception? exception, string service);
}
