using ContactCenter.Sip.UserAgents.Outbound;

namespace ContactCenter.Host.Sip.Trunks;

/// <summary>
/// Keeps the trunk snapshot current: reads the database trunks at start, after every change made through the API and
/// every <see cref="Interval"/> (a failed read keeps the last good copy and is retried then), and keeps our
/// registrations at the trunks that ask for one in step with them.
/// </summary>
public sealed partial class TrunkRefresher(TrunkCatalog catalog, OutboundRegistrations registrations, TimeProvider time, ILogger<TrunkRefresher> logger)
    : BackgroundService
{
    /// <summary>How often the database trunks are read again without a change through this host's API.</summary>
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(30);

    /// <summary>Reads the trunks again and applies their registrations; false when the database could not be read.</summary>
    public async Task<bool> RefreshAsync(CancellationToken cancellationToken)
    {
        var loaded = await catalog.ReloadAsync(cancellationToken).ConfigureAwait(false);
        if (loaded)
        {
            await registrations.ApplyAsync([.. catalog.Stored.Where(t => t.IsEnabled).Select(t => t.Registration).OfType<OutboundRegistrationOptions>()],
                cancellationToken).ConfigureAwait(false);
        }

        return loaded;
    }

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, time);
        do
        {
            try
            {
                await RefreshAsync(stoppingToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                LogRefreshFailed(logger, ex); // the next interval tries again; calls go on with the snapshot they have
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Trunks: refreshing the snapshot failed")]
    private static partial void LogRefreshFailed(ILogger logger, Exception exception);
}
