using System.Collections.Frozen;
using System.Net;
using ContactCenter.CallEngine.Configuration;
using ContactCenter.CallEngine.Dialing;
using ContactCenter.CallEngine.Routing;
using ContactCenter.Crm.Persistence;
using ContactCenter.Sip.Transport;
using ContactCenter.Sip.UserAgents.Sessions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace ContactCenter.Host.Sip.Trunks;

/// <summary>
/// Every trunk, held in memory (issue #17): the configured one (<c>Sip:Trunk</c>) and those in the database, read
/// again after every change made through the API and every <see cref="TrunkRefresher"/> interval. When the database
/// cannot be read the last good copy stays in use, so telephony never waits for or depends on PostgreSQL. Answers the
/// engine's trunk questions (<see cref="ITrunkPlan"/>) and gives the session layer its peers.
/// </summary>
public sealed partial class TrunkCatalog(IServiceScopeFactory scopes, IOptionsMonitor<CallEngineOptions> engine, ICallerNumberNormalizer normalizer,
    TimeProvider time, ILogger<TrunkCatalog> logger) : ITrunkPlan
{
    private volatile Snapshot _stored = Snapshot.Empty;
    private volatile string? _lastError;

    /// <summary>The trunks from the database as last read (enabled or not).</summary>
    public IReadOnlyList<TrunkDefinition> Stored => _stored.Trunks;

    /// <summary>When the database trunks were last read, or null (never yet).</summary>
    public DateTimeOffset? LoadedAt => _stored.LoadedAt;

    /// <summary>Why the last read failed (the last good copy is in use), or null.</summary>
    public string? LastError => _lastError;

    /// <summary>The configured trunk (<c>Sip:Trunk</c>) when there is one with a usable address.</summary>
    public TrunkDefinition? Configured => engine.CurrentValue.Trunk is { } trunk && IPAddress.TryParse(trunk.Address, out var address)
        ? new TrunkDefinition(trunk.Name, address, trunk.Port, SipTransportProtocol.Udp)
        {
            IsConfigured = true,
            CallerId = trunk.CallerId,
            AllowedDestinations = trunk.AllowedDestinations,
            Priority = trunk.Priority,
            Credentials = trunk is { AuthUser: { Length: > 0 } user, Password: { } password } ? new TrunkCredentials(user, password, trunk.Realm) : null,
        }
        : null;

    /// <summary>Every trunk, the configured one first.</summary>
    public IReadOnlyList<TrunkDefinition> All => Configured is { } configured ? [configured, .. Stored] : Stored;

    /// <summary>The session layer's peers: the configured trunk, then the enabled database trunks.</summary>
    public IReadOnlyList<TrunkPeer> Peers()
    {
        var stored = _stored.Peers;
        return Configured is { } configured ? [configured.ToPeer(), .. stored] : stored;
    }

    /// <summary>Reads the database trunks again; false (the last good copy kept, the reason in <see cref="LastError"/>) when it cannot.</summary>
    public async Task<bool> ReloadAsync(CancellationToken cancellationToken)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<CrmDbContext>();
            var rows = await db.Trunks.AsNoTracking().Include(t => t.Numbers).OrderBy(t => t.Name).ToListAsync(cancellationToken);
            _stored = new Snapshot([.. rows.Select(TrunkRows.ToDefinition)], time.GetUtcNow(), normalizer);
            _lastError = null;
            return true;
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            _lastError = ex.Message;
            LogReloadFailed(logger, ex.Message);
            return false;
        }
    }

    /// <inheritdoc />
    public IReadOnlyList<TrunkChoice> Choose(string e164)
    {
        ArgumentNullException.ThrowIfNull(e164);
        var candidates = new List<TrunkDefinition>();
        if (Configured is { } configured && ConfiguredTrunkPlan.Allows(configured.AllowedDestinations, e164))
        {
            candidates.Add(configured);
        }

        // A database trunk carries only numbers under one of its prefixes (none: inbound only).
        candidates.AddRange(_stored.Trunks.Where(t => t.IsEnabled && t.Prefixes.Any(p => e164.StartsWith(p, StringComparison.Ordinal))));
        return [.. candidates.OrderBy(t => t.Priority).Select(t => new TrunkChoice(t.Name, t.CallerId))];
    }

    /// <inheritdoc />
    public string? InboundTarget(string trunk, string dialed)
    {
        ArgumentNullException.ThrowIfNull(dialed);
        var numbers = _stored.Numbers;
        if (numbers.TryGetValue((trunk, dialed), out var target))
        {
            return target;
        }

        return normalizer.TryNormalize(dialed) is { } e164 && numbers.TryGetValue((trunk, e164), out target) ? target : null;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Trunks: the database cannot be read ({Reason}); the last good copy stays in use")]
    private static partial void LogReloadFailed(ILogger logger, string reason);

    private sealed class Snapshot
    {
        public static readonly Snapshot Empty = new([], null, null);

        public Snapshot(IReadOnlyList<TrunkDefinition> trunks, DateTimeOffset? loadedAt, ICallerNumberNormalizer? normalizer)
        {
            Trunks = trunks;
            LoadedAt = loadedAt;
            Peers = [.. trunks.Where(t => t.IsEnabled).Select(t => t.ToPeer())];
            var numbers = new Dictionary<(string, string), string>();
            foreach (var trunk in trunks.Where(t => t.IsEnabled))
            {
                foreach (var (number, target) in trunk.Numbers)
                {
                    numbers[(trunk.Name, number)] = target;
                    if (normalizer?.TryNormalize(number) is { } e164)
                    {
                        numbers.TryAdd((trunk.Name, e164), target);
                    }
                }
            }

            Numbers = numbers.ToFrozenDictionary();
        }

        public IReadOnlyList<TrunkDefinition> Trunks { get; }

        public DateTimeOffset? LoadedAt { get; }

        public IReadOnlyList<TrunkPeer> Peers { get; }

        public FrozenDictionary<(string Trunk, string Number), string> Numbers { get; }
    }
}
