using System.Collections.Frozen;
using ContactCenter.Crm.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ContactCenter.Crm.Dialing;

/// <summary>
/// The phone numbers (E.164) of clients who asked not to be called, held in memory for the engine's outbound gate: asked
/// on every dial-out without a database round trip, read again every <see cref="DoNotCallOptions.RefreshInterval"/> and at
/// once when the desk changes a client's flag (imports and master-data edits are seen within the interval). While the database is down the last good copy stays in force.
/// </summary>
public sealed partial class DoNotCallNumbers(IServiceScopeFactory scopes, IOptions<DoNotCallOptions> options, TimeProvider time,
    ILogger<DoNotCallNumbers> logger) : BackgroundService
{
    private volatile FrozenSet<string> _numbers = FrozenSet<string>.Empty;

    /// <summary>True when <paramref name="e164"/> belongs to a client who asked not to be called (as of the last good read).</summary>
    public bool Contains(string e164) => _numbers.Contains(e164);

    /// <summary>How many numbers are held.</summary>
    public int Count => _numbers.Count;

    /// <summary>Reads the numbers again; false (the last good copy kept) when the database cannot be read.</summary>
    public async Task<bool> RefreshAsync(CancellationToken cancellationToken)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<CrmDbContext>();
            var numbers = await db.ClientPhones.AsNoTracking().Where(p => db.Clients.Any(c => c.Id == p.ClientId && c.DoNotCall))
                .Select(p => p.E164).Distinct().ToListAsync(cancellationToken);
            _numbers = numbers.ToFrozenSet(StringComparer.Ordinal);
            return true;
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            LogRefreshFailed(logger, _numbers.Count, ex);
            return false;
        }
    }

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            await RefreshAsync(stoppingToken);
            await Task.Delay(options.Value.RefreshInterval, time, stoppingToken);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Do-not-call numbers not read; the last {Count} numbers stay in force")]
    private static partial void LogRefreshFailed(ILogger logger, int count, Exception exception);
}
