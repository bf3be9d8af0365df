using ContactCenter.Acd.Policy;

namespace ContactCenter.Benchmarks.Acd;

/// <summary>Policy versions in memory.</summary>
internal sealed class InMemoryPolicyStore(TimeProvider time) : IRoutingPolicyStore
{
    private readonly List<StoredRoutingPolicy> _versions = [];

    public Task<StoredRoutingPolicy?> GetLatestAsync(CancellationToken cancellationToken) =>
        Task.FromResult(_versions.Count == 0 ? null : _versions[^1]);

    public Task<IReadOnlyList<StoredRoutingPolicy>> GetHistoryAsync(int take, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<StoredRoutingPolicy>>([.. _versions.AsEnumerable().Reverse().Take(take)]);

    public Task<StoredRoutingPolicy> SaveAsync(string document, string changedBy, string? comment, int? expectedVersion, CancellationToken cancellationToken)
    {
        var stored = new StoredRoutingPolicy(_versions.Count + 1, document, time.GetUtcNow(), changedBy, comment);
        _versions.Add(stored);
        return Task.FromResult(stored);
    }
}
