namespace ContactCenter.Host.Startup;

/// <summary>Finds background services that died, after the host stopped, so the process can exit non-zero.</summary>
public static partial class BackgroundFailures
{
    /// <summary>True (and each logged) when a background service ended with an exception.</summary>
    public static bool Report(IServiceProvider services)
    {
        ArgumentNullException.ThrowIfNull(services);
        var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger("ContactCenter.Host.Startup");
        var failed = false;
        foreach (var service in services.GetServices<IHostedService>().OfType<BackgroundService>())
        {
            if (service.ExecuteTask is { IsFaulted: true } task)
            {
                LogFailed(logger, task.Exception, service.GetType().Name);
                failed = true;
            }
        }

        return failed;
    }

    [LoggerMessage(Level = LogLevel.Critical, Message = "Background service {Service} failed and stopped the host; exiting with 1")]
    private static partial void LogFailed(ILogger logger, Exception? exception, string service);
}
