using ContactCenter.TestKit;

namespace ContactCenter.Host.Tests;

/// <summary>
/// Its own PostgreSQL for the host's start-up, API and registrar tests, so that they run beside the call-log and CRM
/// flows of <see cref="DatabaseCollection"/> (xUnit runs collections in parallel; each test starts its own host).
/// </summary>
[CollectionDefinition(Name)]
public sealed class HostBasicsCollection : ICollectionFixture<CrmDatabaseFixture>
{
    public const string Name = "HostBasics";
}
