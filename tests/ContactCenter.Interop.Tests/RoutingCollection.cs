using ContactCenter.TestKit;

namespace ContactCenter.Interop.Tests;

/// <summary>Its own PostgreSQL for a collection of its own: the ACD flows run beside the call flows, on a server of their own (xUnit runs collections in parallel).</summary>
[CollectionDefinition(Name)]
public sealed class RoutingCollection : ICollectionFixture<CrmDatabaseFixture>
{
    public const string Name = "Routing";
}
