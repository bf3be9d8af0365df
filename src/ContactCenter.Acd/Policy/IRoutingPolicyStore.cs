namespace ContactCenter.Acd.Policy;

/// <summary>Where policy versions are kept (the host plugs in the CRM database).</summary>
public interface IRoutingPolicyStore
{
    /// <summary>The newest version, or null when none was ever saved.</summary>
    Task<StoredRoutingPolicy?> GetLatestAsync(CancellationToken cancellationToken);

    /// <summary>The newest <paramref name="take"/> versions, newest first.</summary>
    Task<IReadOnlyList<StoredRoutingPolicy>> GetHistoryAsync(int take, CancellationToken cancellationToken);

    /// <summary>
    /// Saves <paramref name="document"/> as the next version (and audits who did it); throws
    /// <see cref="RoutingPolicyConflictException"/> when <paramref name="expectedVersion"/> is not the newest.
    /// </summary>
    Task<StoredRoutingPolicy> SaveAsync(string document, string changedBy, string? comment, int? expectedVersion, CancellationToken cancellationToken);
}

/// <summary>One saved version of the policy.</summary>
public sealed record StoredRoutingPolicy(int Version, string Document, DateTimeOffset CreatedAt, string CreatedBy, string? Comment);

/// <summary>The policy changed since the version the admin edited.</summary>
public sealed class RoutingPolicyConflictException(int current) : Exception($"The policy is at version {current} now; reload it and apply the change again.")
{
    /// <summary>The newest version.</summary>
    public int Current { get; } = current;
}
