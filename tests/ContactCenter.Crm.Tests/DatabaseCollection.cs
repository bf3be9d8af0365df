using ContactCenter.TestKit;

namespace ContactCenter.Crm.Tests;

[CollectionDefinition(Name)]
public sealed class DatabaseCollection : ICollectionFixture<CrmDatabaseFixture>
{
    public const string Name = "Database";
}
