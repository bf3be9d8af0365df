using ContactCenter.Crm.Dialing;
using ContactCenter.TestKit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ContactCenter.Crm.Tests;

/// <summary>The do-not-call numbers the engine's outbound gate asks (issue #18): from memory, refreshed, the last good copy kept.</summary>
[Collection(DatabaseCollection.Name)]
[Trait("Category", "Database")]
public sealed class DoNotCallNumbersTests(CrmDatabaseFixture fixture)
{
    [Fact]
    public async Task Refresh_ClientMarked_EveryNumberOfItHeld_LastGoodCopyKeptWhenTheDatabaseFails()
    {
        await using var demo = await DemoScenario.StartAsync(fixture);
        var numbers = demo.Provider.GetRequiredService<DoNotCallNumbers>();
        var client = await demo.ClientIdAsync("Corner Shop");
        await demo.Provider.InScopeAsync(async db =>
        {
            db.ClientPhones.Add(new Model.ClientPhone { ClientId = client, E164 = "+74951009999" });
            await db.SaveChangesAsync();
            return await db.Clients.Where(c => c.Id == client).ExecuteUpdateAsync(s => s.SetProperty(c => c.DoNotCall, true));
        });

        var read = await numbers.RefreshAsync(CancellationToken.None);
        await demo.Provider.InScopeAsync(db => db.Database.ExecuteSqlRawAsync("ALTER TABLE clients RENAME TO clients_away"));
        var readWhileBroken = await numbers.RefreshAsync(CancellationToken.None);

        Assert.True(read);
        Assert.True(numbers.Contains("+74951000003"));
        Assert.True(numbers.Contains("+74951009999"));
        Assert.False(numbers.Contains("+74951000001"));
        Assert.False(readWhileBroken);
        Assert.True(numbers.Contains("+74951000003"));
    }
}
