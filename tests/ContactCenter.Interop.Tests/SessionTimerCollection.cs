using ContactCenter.TestKit;

namespace ContactCenter.Interop.Tests;

/// <summary>Its own PostgreSQL for a collection of its own: the RFC 4028 flows, which wait out real session intervals (minutes), run beside the others (xUnit runs collections in parallel).</summary>
[CollectionDefinition(Name)]
public sealed class SessionTimerCollection : ICollectionFixture<CrmDatabaseFixture>
{
    public const string Name = "SessionTimers";
}
