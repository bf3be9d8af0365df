using ContactCenter.Crm.MasterData.Import;
using ContactCenter.TestKit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ContactCenter.Crm.Tests;

/// <summary>Issue #18: the scheduled import from a folder - settled exports imported in kind order, moved to processed/ with their report.</summary>
[Collection(DatabaseCollection.Name)]
[Trait("Category", "Database")]
public sealed class FolderImportTests(CrmDatabaseFixture fixture) : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("cc-folder-import-").FullName;

    [Fact]
    public async Task Round_SettledClientsThenReceivablesImported_FilesMovedWithReports_FreshFileLeftForLater()
    {
        await using var demo = await DemoScenario.StartAsync(fixture, services => services.Configure<FolderImportOptions>(o => o.Folder = _folder));
        var now = new DateTimeOffset(2026, 11, 26, 9, 0, 0, TimeSpan.Zero); // the demo's clock
        Write("receivables-1126.csv", "externalId;client;documentNumber;outstanding;dueDate\nF-INV-1;F-1;77;1000;2026-12-31\n", now.AddMinutes(-5));
        Write("clients-1126.csv", "externalId;name;type;phones\nF-1;Folder Foods;retail;+7 812 600-00-01\nF-2;Bad Type;wholesaler;+7 812 600-00-02\n",
            now.AddMinutes(-5));
        Write("clients-being-written.csv", "externalId;name;type;phones\n", now);
        Write("notes.txt", "not an export", now.AddMinutes(-5));

        var imported = await demo.InScopeAsync<FolderImportSchedule, int>(s => s.RunOnceAsync(CancellationToken.None));

        Assert.Equal(2, imported);
        Assert.Equal(1000m, await demo.Provider.InScopeAsync(db => db.Receivables.Where(r => r.ExternalId == "F-INV-1").Select(r => r.Outstanding).SingleAsync()));
        Assert.False(await demo.Provider.InScopeAsync(db => db.Clients.AnyAsync(c => c.ExternalId == "F-2")));
        Assert.Equal(["clients-being-written.csv", "notes.txt"], Directory.GetFiles(_folder).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        var processed = Directory.GetFiles(Path.Combine(_folder, "processed")).Select(Path.GetFileName).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(["clients-1126.20261126-090000.csv", "clients-1126.csv.20261126-090000.report.json",
            "receivables-1126.20261126-090000.csv", "receivables-1126.csv.20261126-090000.report.json"], processed);
        var report = await File.ReadAllTextAsync(Path.Combine(_folder, "processed", "clients-1126.csv.20261126-090000.report.json"));
        Assert.Contains("\"created\":1", report, StringComparison.Ordinal);
        Assert.Contains("\"field\":\"type\"", report, StringComparison.Ordinal);
        Assert.Equal(1, await demo.Provider.InScopeAsync(db => db.Audit.CountAsync(a => a.UserName == "folder-import" && a.EntityType == "clients")));
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private void Write(string name, string text, DateTimeOffset at)
    {
        var path = Path.Combine(_folder, name);
        File.WriteAllText(path, text);
        File.SetLastWriteTimeUtc(path, at.UtcDateTime);
    }
}
