using ContactCenter.Crm.MasterData;
using ContactCenter.Crm.MasterData.Import;
using ContactCenter.TestKit;
using Microsoft.EntityFrameworkCore;

namespace ContactCenter.Crm.Tests;

[Collection(DatabaseCollection.Name)]
[Trait("Category", "Database")]
public sealed class ClientImportTests(CrmDatabaseFixture fixture)
{
    private const string File = """
        ExternalId;Name;Type;Phones;Manager;PriceColumn;CreditLimit;Status;DoNotCall;Receivers
        ACC-1;Baltic Fish;regional;8 812 300-00-01|+7 812 300-00-02;2101;2;75 000,50;active;no;Olga Ivanova
        ACC-2;Nowhere Ltd;wholesaler;12;;9;lots;;maybe;
        ACC-3;Neva Dairy;retail;+7 812 300-00-03;;1;10000;sleeping;yes;
        """;

    [Fact]
    public async Task Check_FileWithABadRow_EachProblemByLineAndFieldAndNothingApplied()
    {
        await using var demo = await DemoScenario.StartAsync(fixture);
        var before = await demo.Provider.InScopeAsync(db => db.Clients.CountAsync());

        var report = await RunAsync(demo, File, apply: false);

        Assert.Equal((3, 2, false), (report.Rows, report.Valid, report.Applied));
        Assert.All(report.Problems, p => Assert.Equal(3, p.Line));
        Assert.Equal(["creditLimit", "doNotCall", "phones[0]", "priceColumn", "type"], report.Problems.Select(p => p.Field).Order(StringComparer.Ordinal));
        Assert.Equal(before, await demo.Provider.InScopeAsync(db => db.Clients.CountAsync()));
    }

    [Fact]
    public async Task ApplyGood_BadRowLeftOut_ReimportChangesNothing_ChangedFileUpdates()
    {
        await using var demo = await DemoScenario.StartAsync(fixture);

        var first = await RunAsync(demo, File, apply: true);
        var again = await RunAsync(demo, File, apply: true);
        var changed = await RunAsync(demo, File.Replace("+7 812 300-00-03;;1;10000", "+7 812 300-00-03|+7 812 300-00-09;;1;20000", StringComparison.Ordinal),
            apply: true);

        Assert.Equal((true, 2, 0, 0), (first.Applied, first.Created, first.Updated, first.Unchanged));
        Assert.Equal((0, 0, 2), (again.Created, again.Updated, again.Unchanged));
        Assert.Equal((0, 1, 1), (changed.Created, changed.Updated, changed.Unchanged));
        var baltic = await demo.Provider.InScopeAsync(db => db.Clients.Include(c => c.Phones).Include(c => c.AssignedManager).SingleAsync(c => c.ExternalId == "ACC-1"));
        Assert.Equal(("Baltic Fish", 75_000.50m, "2101", 2), (baltic.Name, baltic.CreditLimit, baltic.AssignedManager!.Extension, baltic.PriceColumn));
        Assert.Equal(["+78123000001", "+78123000002"], baltic.Phones.Select(p => p.E164).Order(StringComparer.Ordinal));
        var neva = await demo.Provider.InScopeAsync(db => db.Clients.Include(c => c.Phones).SingleAsync(c => c.ExternalId == "ACC-3"));
        Assert.Equal((20_000m, true, 2), (neva.CreditLimit, neva.DoNotCall, neva.Phones.Count));
        Assert.False(await demo.Provider.InScopeAsync(db => db.Clients.AnyAsync(c => c.ExternalId == "ACC-2")));
    }

    [Fact]
    public async Task Check_SameExternalIdOrNumberTwiceOrTakenByAnotherClient_LaterLinesRefused()
    {
        await using var demo = await DemoScenario.StartAsync(fixture);
        const string file = """
            externalId,name,type,phones
            A-1,One,retail,+7 812 400-00-01
            A-1,Two,retail,+7 812 400-00-02
            A-3,Three,retail,+7 812 400-00-01
            A-4,Four,retail,+7 495 100-00-01
            A-5,Five,retail
            """;

        var report = await RunAsync(demo, file, apply: false);

        Assert.Equal(1, report.Valid);
        Assert.Equal([(3, "externalId"), (4, "phones[0]"), (5, "phones[0]"), (6, "phones")], report.Problems.Select(p => (p.Line, p.Field)));
    }

    [Fact]
    public async Task Read_UnknownColumnOrNoExternalId_ReportedOnTheHeaderAndNothingChecked()
    {
        await using var demo = await DemoScenario.StartAsync(fixture);

        var report = await RunAsync(demo, "name;colour\nA;red\n", apply: true);

        Assert.False(report.Applied);
        Assert.Equal([(1, "colour"), (1, "externalId")], report.Problems.Select(p => (p.Line, p.Field)).Order());
    }

    [Fact]
    public async Task ApplyGood_MoreRowsThanOneChunk_AllWrittenProgressCountedAndAudited()
    {
        await using var demo = await DemoScenario.StartAsync(fixture);
        var rows = BulkChunks.Size + 7;
        var file = new System.Text.StringBuilder("externalId;name;type;phones\n");
        for (var i = 0; i < rows; i++)
        {
            file.Append(System.Globalization.CultureInfo.InvariantCulture, $"B-{i};Bulk {i};retail;+7 916 {i:D7}\n");
        }

        var progress = new ImportProgress();
        var report = await demo.InScopeAsync<ClientImport, ImportReport>(import =>
            import.RunAsync(ClientCsv.Read(new StringReader(file.ToString())), true, "admin", progress, CancellationToken.None));

        Assert.Equal((rows, rows, 0), (report.Created, report.Valid, report.Problems.Count));
        Assert.Equal(("done", rows, rows), (progress.Phase, progress.Done, progress.Total));
        Assert.Equal(rows, await demo.Provider.InScopeAsync(db => db.ClientPhones.CountAsync(p => p.E164.StartsWith("+7916"))));
        Assert.Equal($"rows={rows};created={rows};updated=0;problems=0",
            await demo.Provider.InScopeAsync(db => db.Audit.Where(a => a.Action == "import" && a.EntityType == "clients").Select(a => a.Details).SingleAsync()));
    }

    [Fact]
    public async Task ApplyGood_NumberLeftOutOfTheFile_RemovedFromTheClient()
    {
        await using var demo = await DemoScenario.StartAsync(fixture);
        await RunAsync(demo, File, apply: true);

        var report = await RunAsync(demo, File.Replace("8 812 300-00-01|+7 812 300-00-02", "+7 812 300-00-02", StringComparison.Ordinal), apply: true);

        Assert.Equal((0, 1, 1), (report.Created, report.Updated, report.Unchanged));
        Assert.Equal(["+78123000002"], await demo.Provider.InScopeAsync(db =>
            db.ClientPhones.Where(p => db.Clients.Any(c => c.Id == p.ClientId && c.ExternalId == "ACC-1")).Select(p => p.E164).ToListAsync()));
    }

    private static Task<ImportReport> RunAsync(DemoScenario demo, string csv, bool apply) =>
        demo.InScopeAsync<ClientImport, ImportReport>(import =>
            import.RunAsync(ClientCsv.Read(new StringReader(csv)), apply, "admin", ImportProgress.None, CancellationToken.None));
}
