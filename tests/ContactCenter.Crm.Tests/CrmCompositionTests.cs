using System.Text.RegularExpressions;
using ContactCenter.Crm.CallLog;
using ContactCenter.Crm.Clients;
using ContactCenter.Crm.Dispatch;
using ContactCenter.Crm.MasterData.Import;
using ContactCenter.Crm.Model;
using ContactCenter.Crm.Orders;
using ContactCenter.Crm.Outbound;
using ContactCenter.Crm.Outbox;
using ContactCenter.Crm.Persistence;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace ContactCenter.Crm.Tests;

/// <summary>How the CRM is put together: the parts a process takes, and the hand-written SQL against the EF model.</summary>
public sealed partial class CrmCompositionTests
{
    private static readonly IConfiguration Configuration = new ConfigurationBuilder()
        .AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:Crm"] = "Host=127.0.0.1;Port=1;Database=crm;Username=crm",
            ["PhoneNumbers:DefaultRegion"] = "RU",
        })
        .Build();

    // What the agent records in wrap-up (CallDispositionEndpoints), never derived from call events.
    private static readonly string[] WrapUpColumns = ["disposition", "disposition_at", "disposition_by", "disposition_note"];

    [Fact]
    public async Task CrmServiceParts_StoreAndCallLog_ConsumersResolveAndOnlyTheOutboxPublisherRuns()
    {
        var services = Base();
        services.AddCrmStore(Configuration).AddCrmCallLog(Configuration);
        services.AddMassTransit(bus => bus.AddCrmConsumers());
        await using var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true });
        await using var scope = provider.CreateAsyncScope();

        Assert.NotNull(scope.ServiceProvider.GetRequiredService<CallEventsConsumer>());
        Assert.NotNull(scope.ServiceProvider.GetRequiredService<NewCallerConsumer>());
        Assert.Equal([typeof(OutboxPublisher)], CrmHostedServices(provider));
        Assert.Null(scope.ServiceProvider.GetService<OrderDesk>());
        Assert.Null(scope.ServiceProvider.GetService<CallTaskDesk>());
    }

    [Fact]
    public void AddCrm_Host_DesksAndSchedulesToo()
    {
        var services = Base();
        services.AddCrm(Configuration);
        using var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true });
        using var scope = provider.CreateScope();

        Assert.NotNull(scope.ServiceProvider.GetRequiredService<OrderDesk>());
        Assert.NotNull(scope.ServiceProvider.GetRequiredService<CallTaskDesk>());
        Assert.Equal([typeof(DispatchAutoNotifier), typeof(Dialing.DoNotCallNumbers), typeof(Documents.EmailSender), typeof(FolderImportSchedule), typeof(OutboxPublisher), typeof(Recordings.RecordingRetention),
            typeof(SleepingListSchedule)],
            CrmHostedServices(provider).OrderBy(t => t.Name, StringComparer.Ordinal));
    }

    [Fact]
    public void CallLogWriter_CallColumns_AreTheCallsTableOfTheModelButTheWrapUp()
    {
        var model = ColumnsOf<CallRecord>().Except(WrapUpColumns);

        Assert.Equal(model.Order(StringComparer.Ordinal), List(CallLogWriter.CallColumns).Order(StringComparer.Ordinal));
        Assert.Empty(WrapUpColumns.Except(ColumnsOf<CallRecord>()));
    }

    [Fact]
    public void CallLogWriter_UpdateCalls_SetsEveryColumnButTheKeyFromArraysInCallColumnsOrder()
    {
        var assigned = SetTargets().Matches(CallLogWriter.UpdateCalls).Select(m => m.Groups[1].Value).ToList();
        var unnested = List(UnnestAlias().Match(CallLogWriter.UpdateCalls).Groups[1].Value);

        Assert.Equal(List(CallLogWriter.CallColumns), unnested);
        Assert.Equal(List(CallLogWriter.CallColumns).Where(c => c != "id").Order(StringComparer.Ordinal), assigned.Order(StringComparer.Ordinal));
        Assert.Equal(unnested.Count, Parameters().Count(CallLogWriter.UpdateCalls));
    }

    [Fact]
    public void CallLogWriter_InsertEvents_WritesEveryColumnOfTheTimeline()
    {
        var inserted = List(InsertTargets().Match(CallLogWriter.InsertEvents).Groups[1].Value);

        Assert.Equal(ColumnsOf<CallTimelineEntry>().Order(StringComparer.Ordinal), inserted.Order(StringComparer.Ordinal));
        Assert.Equal(inserted, List(UnnestAlias().Match(CallLogWriter.InsertEvents).Groups[1].Value));
    }

    private static ServiceCollection Base()
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddMetrics();
        return services;
    }

    private static List<Type> CrmHostedServices(ServiceProvider provider) =>
        [.. provider.GetServices<IHostedService>().Select(s => s.GetType()).Where(t => t.Namespace?.StartsWith("ContactCenter.Crm", StringComparison.Ordinal) == true)];

    private static List<string> ColumnsOf<T>()
    {
        var options = CrmDatabase.Configure(new DbContextOptionsBuilder<CrmDbContext>(), "Host=127.0.0.1;Port=1;Database=crm").Options;
        using var db = new CrmDbContext((DbContextOptions<CrmDbContext>)options);
        var entity = db.Model.FindEntityType(typeof(T))!;
        var table = Microsoft.EntityFrameworkCore.Metadata.StoreObjectIdentifier.Table(entity.GetTableName()!, entity.GetSchema());
        return [.. entity.GetProperties().Select(p => p.GetColumnName(table)!)];
    }

    private static List<string> List(string columns) =>
        [.. columns.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];

    [GeneratedRegex(@"(?:SET|,)\s+(\w+)\s*=\s*", RegexOptions.CultureInvariant)]
    private static partial Regex SetTargets();

    [GeneratedRegex(@"AS \w\(([^)]*)\)", RegexOptions.CultureInvariant)]
    private static partial Regex UnnestAlias();

    [GeneratedRegex(@"\$\d+", RegexOptions.CultureInvariant)]
    private static partial Regex Parameters();

    [GeneratedRegex(@"INSERT INTO \w+ \(([^)]*)\)", RegexOptions.CultureInvariant)]
    private static partial Regex InsertTargets();
}
