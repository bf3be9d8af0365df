using System.Globalization;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting.Systemd;

namespace ContactCenter.Host.Startup;

/// <summary>
/// Under systemd with <c>WatchdogSec=</c>, sends WATCHDOG=1 every half period as long as the readiness checks run and
/// none says "Unhealthy" ("Degraded" is fine: telephony works through outages). A hung or broken host stops pinging
/// and systemd restarts it. Does nothing when not started by systemd.
/// </summary>
public sealed partial class SystemdWatchdog(ISystemdNotifier? notifier, HealthCheckService health, TimeProvider time,
    ILogger<SystemdWatchdog> logger) : BackgroundService
{
    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (notifier is not { IsEnabled: true }
            || !long.TryParse(Environment.GetEnvironmentVariable("WATCHDOG_USEC"), NumberStyles.None, CultureInfo.InvariantCulture, out var usec)
            || usec <= 0)
        {
            return;
        }

        var period = TimeSpan.FromMicroseconds(usec / 2.0);
        LogWatching(logger, period);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                using var limit = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
                limit.CancelAfter(period);
                var report = await health.CheckHealthAsync(c => c.Tags.Contains("ready"), limit.Token).ConfigureAwait(false);
                if (report.Status != HealthStatus.Unhealthy)
                {
                    notifier.Notify(new ServiceState("WATCHDOG=1"));
                }

                await Task.Delay(period, time, stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (OperationCanceledException)
            {
                // The checks took longer than the period: no ping this time.
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "systemd watchdog: pinging every {Period} while healthy or degraded")]
    private static partial void LogWatching(ILogger logger, TimeSpan period);
}
