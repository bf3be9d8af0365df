using ContactCenter.TestKit;

namespace ContactCenter.Interop.Tests;

/// <summary>Interop tests run the real host on a throw-away PostgreSQL shared by the collection.</summary>
[CollectionDefinition(Name)]
public sealed class DatabaseCollection : ICollectionFixture<CrmDatabaseFixture>
{
    public const string Name = "Database";
}
