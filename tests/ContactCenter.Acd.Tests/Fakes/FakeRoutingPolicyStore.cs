using ContactCenter.Acd.Policy;

namespace ContactCenter.Acd.Tests.Fakes;

/// <summary>Policy versions in memory; <see cref="Down"/> makes every call fail as an unreachable database would.</summary>
internal sealed class FakeRoutingPolicyStore(TimeProvider time) : IRoutingPolicyStore
{
    private readonly List<StoredRoutingPolicy> _versions = [];

    public bool Down { get; set; }

    public IReadOnlyList<StoredRoutingPolicy> Versions => _versions;

    /// <summary>How many saves were tried, refused ones included.</summary>
    public int SaveAttempts { get; private set; }

    /// <summary>When set, a read of the newest version waits for it (a slow database).</summary>
    public Task? SlowReads { get; set; }

    public void Add(string document, string by) =>
        _versions.Add(new StoredRoutingPolicy(_versions.Count + 1, document, time.GetUtcNow(), by, null));

    public async Task<StoredRoutingPolicy?> GetLatestAsync(CancellationToken cancellationToken)
    {
        ThrowIfDown();
        if (SlowReads is { } slow)
        {
            await slow;
        }

        lock (_versions)
        {
            return _versions.Count == 0 ? null : _versions[^1];
        }
    }

    public Task<IReadOnlyList<StoredRoutingPolicy>> GetHistoryAsync(int take, CancellationToken cancellationToken)
    {
        ThrowIfDown();
        return Task.FromResult<IReadOnlyList<StoredRoutingPolicy>>([.. _versions.AsEnumerable().Reverse().Take(take)]);
    }

    public Task<StoredRoutingPolicy> SaveAsync(string document, string changedBy, string? comment, int? expectedVersion, CancellationToken cancellationToken)
    {
        ThrowIfDown();
        lock (_versions)
        {
            SaveAttempts++;
            if (expectedVersion is { } expected && expected != _versions.Count)
            {
                throw new RoutingPolicyConflictException(_versions.Count);
            }

            var stored = new StoredRoutingPolicy(_versions.Count + 1, document, time.GetUtcNow(), changedBy, comment);
            _versions.Add(stored);
            return Task.FromResult(stored);
        }
    }

    private void ThrowIfDown()
    {
        if (Down)
        {
            throw new InvalidOperationException("policy database unavailable");
        }
    }
}
