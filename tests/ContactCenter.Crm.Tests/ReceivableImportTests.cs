using ContactCenter.Crm.MasterData;
using ContactCenter.Crm.MasterData.Import;
using ContactCenter.TestKit;
using Microsoft.EntityFrameworkCore;

namespace ContactCenter.Crm.Tests;

[Collection(DatabaseCollection.Name)]
[Trait("Category", "Database")]
public sealed class ReceivableImportTests(CrmDatabaseFixture fixture)
{
    private const string Clients = """
        externalId;name;type;phones
        C-1;Baltic Fish;regional;+7 812 300-00-01
        C-2;Neva Dairy;retail;+7 812 300-00-02
        """;

    private const string File = """
        ExternalId;Client;DocumentNumber;Outstanding;DueDate;Paid
        INV-1;C-1;1001;12 500,50;2026-12-31;no
        INV-2;C-1;1002;300;31.01.2027;
        INV-3;C-9;1003;100;2026-12-31;
        INV-4;C-2;1004;-5;someday;perhaps
        INV-5;C-1;1001;10;2026-12-31;
        INV-6;C-2;1006;999;2026-10-01;yes
        """;

    [Fact]
    public async Task Check_BadRowsByLineAndField_NothingApplied()
    {
        await using var demo = await DemoScenario.StartAsync(fixture);
        await ImportClientsAsync(demo);

        var report = await RunAsync(demo, File, apply: false);

        Assert.Equal((6, 3, false), (report.Rows, report.Valid, report.Applied));
        Assert.Equal([(4, "client"), (5, "dueDate"), (5, "outstanding"), (5, "paid"), (6, "documentNumber")],
            report.Problems.Select(p => (p.Line, p.Field)).Order());
        Assert.Equal(0, await demo.Provider.InScopeAsync(db => db.Receivables.CountAsync(r => r.ExternalId != null)));
    }

    [Fact]
    public async Task ApplyGood_StoredForTheClients_ReimportChangesNothing_PaidLaterUpdates()
    {
        await using var demo = await DemoScenario.StartAsync(fixture);
        await ImportClientsAsync(demo);

        var first = await RunAsync(demo, File, apply: true);
        var again = await RunAsync(demo, File, apply: true);
        var paid = await RunAsync(demo, File.Replace("INV-1;C-1;1001;12 500,50;2026-12-31;no", "INV-1;C-1;1001;0;2026-12-31;yes", StringComparison.Ordinal),
            apply: true);

        Assert.Equal((3, 0, 0), (first.Created, first.Updated, first.Unchanged));
        Assert.Equal((0, 0, 3), (again.Created, again.Updated, again.Unchanged));
        Assert.Equal((0, 1, 2), (paid.Created, paid.Updated, paid.Unchanged));
        var stored = await demo.Provider.InScopeAsync(db => db.Receivables.Where(r => r.ExternalId != null).OrderBy(r => r.ExternalId).ToListAsync());
        Assert.Equal(["INV-1", "INV-2", "INV-6"], stored.Select(r => r.ExternalId));
        Assert.Equal((0m, true), (stored[0].Outstanding, stored[0].PaidOn is not null));
        Assert.Equal((300m, new DateOnly(2027, 1, 31)), (stored[1].Outstanding, stored[1].DueDate));
        Assert.Equal((0m, true), (stored[2].Outstanding, stored[2].PaidOn is not null));
        var baltic = await demo.Provider.InScopeAsync(db => db.Clients.Where(c => c.ExternalId == "C-1").Select(c => c.Id).SingleAsync());
        Assert.All(stored.Take(2), r => Assert.Equal(baltic, r.ClientId));
    }

    private static Task ImportClientsAsync(DemoScenario demo) =>
        demo.InScopeAsync<ClientImport, ImportReport>(import =>
            import.RunAsync(ClientCsv.Read(new StringReader(Clients)), true, "admin", ImportProgress.None, CancellationToken.None));

    private static Task<ImportReport> RunAsync(DemoScenario demo, string csv, bool apply) =>
        demo.InScopeAsync<ReceivableImport, ImportReport>(import =>
            import.RunAsync(ReceivableCsv.Read(new StringReader(csv)), apply, "admin", ImportProgress.None, CancellationToken.None));
}
