using ContactCenter.TestKit;

namespace ContactCenter.Web.Tests;

/// <summary>
/// The admin console, wallboard and wrap-up pages on a PostgreSQL and a headless Chromium of their own, so that they
/// run beside the desk tests of <see cref="WebCollection"/> (xUnit runs collections in parallel).
/// </summary>
[CollectionDefinition(Name)]
public sealed class WebAdminCollection : ICollectionFixture<CrmDatabaseFixture>, ICollectionFixture<BrowserFixture>
{
    public const string Name = "WebAdmin";
}
