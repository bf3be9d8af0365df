using ContactCenter.Acd.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ContactCenter.Acd.Directory;

/// <summary>
/// Keeps the latest <see cref="RoutingDirectory"/> in memory and refreshes it every <see cref="AcdOptions.DirectoryRefresh"/>.
/// A failed refresh keeps the last good snapshot (the router goes on with it and says how old it is);
/// before the first success <see cref="Current"/> is null and the router falls back to the operator queue.
/// </summary>
public sealed partial class RoutingDirectoryCache(IRoutingDirectorySource source, IOptions<AcdOptions> options, TimeProvider time,
    ILogger<RoutingDirectoryCache> logger) : BackgroundService
{
    private volatile RoutingDirectory? _current;

    /// <summary>The latest snapshot, or null when none could be loaded yet.</summary>
    public RoutingDirectory? Current => _current;

    /// <summary>Why the last refresh failed, or null when it succeeded.</summary>
    public string? LastError { get; private set; }

    /// <summary>Reads the directory now; false (the old snapshot stays) when the source fails.</summary>
    public async Task<bool> RefreshAsync(CancellationToken cancellationToken)
    {
        try
        {
            var loaded = await source.LoadAsync(cancellationToken).ConfigureAwait(false);
            var first = _current is null;
            _current = loaded;
            if (LastError is not null || first)
            {
                LogLoaded(logger, loaded.ClientCount, loaded.Staff.Count);
            }

            LastError = null;
            return true;
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            if (LastError is null)
            {
                LogRefreshFailed(logger, ex, _current?.LoadedAt);
            }

            LastError = ex.Message;
            return false;
        }
    }

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            var ok = await RefreshAsync(stoppingToken).ConfigureAwait(false);
            // Until the first load, retry every second: a database that starts later is picked up at once.
            var wait = ok || _current is not null ? options.Value.DirectoryRefresh : TimeSpan.FromSeconds(1);
            try
            {
                await Task.Delay(wait, time, stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Routing directory loaded: {Clients} clients, {Staff} staff")]
    private static partial void LogLoaded(ILogger logger, int clients, int staff);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Routing directory refresh failed; routing goes on with the copy loaded at {LoadedAt}")]
    private static partial void LogRefreshFailed(ILogger logger, Exception exception, DateTimeOffset? loadedAt);
}
