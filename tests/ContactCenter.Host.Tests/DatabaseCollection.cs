using ContactCenter.TestKit;

namespace ContactCenter.Host.Tests;

[CollectionDefinition(Name)]
public sealed class DatabaseCollection : ICollectionFixture<CrmDatabaseFixture>
{
    public const string Name = "Database";
}
