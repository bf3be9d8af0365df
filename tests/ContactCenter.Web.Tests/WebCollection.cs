using ContactCenter.TestKit;

namespace ContactCenter.Web.Tests;

/// <summary>Browser tests share one throw-away PostgreSQL and one headless Chromium; each test runs its own host.</summary>
[CollectionDefinition(Name)]
public sealed class WebCollection : ICollectionFixture<CrmDatabaseFixture>, ICollectionFixture<BrowserFixture>
{
    public const string Name = "Web";
}
