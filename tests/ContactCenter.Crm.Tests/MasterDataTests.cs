using ContactCenter.Crm.Api;
using ContactCenter.Crm.MasterData;
using ContactCenter.Crm.Orders;
using ContactCenter.TestKit;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ContactCenter.Crm.Tests;

[Collection(DatabaseCollection.Name)]
[Trait("Category", "Database")]
public sealed class MasterDataTests(CrmDatabaseFixture fixture)
{
    private static readonly ClientRecordRequest Empty = new(null, null, null, null, null, null, null, null, null, null, null, null);

    [Fact]
    public async Task CreateClient_AllFields_StoredNormalizedAndAudited()
    {
        await using var demo = await DemoScenario.StartAsync(fixture);

        var result = await CreateAsync(demo, Empty with
        {
            Name = " Baltic Fish ", Type = "regional", Phones = ["8 (812) 300-00-01", "+7 812 300 00 02"], Manager = "2101", PriceColumn = 2,
            CreditLimit = 75_000m, Status = "sleeping", DoNotCall = true, Receivers = ["Olga Ivanova"], Email = "buy@baltic.example",
            ExternalId = "ACC-0001",
        });

        var created = Assert.IsType<Created<ClientRecordDto>>(result.Result).Value!;
        Assert.Equal(("Baltic Fish", "regional", "2101", 2, 75_000m, "sleeping", true), (created.Name, created.Type, created.Manager,
            created.PriceColumn, created.CreditLimit, created.Status, created.DoNotCall));
        Assert.Equal(["+78123000001", "+78123000002"], created.Phones);
        Assert.Equal(["Olga Ivanova"], created.Receivers);
        Assert.Equal(created.Id, await demo.Provider.InScopeAsync(db => db.ClientPhones.Where(p => p.E164 == "+78123000002").Select(p => p.ClientId).SingleAsync()));
        Assert.Equal(1, await demo.Provider.InScopeAsync(db => db.Audit.CountAsync(a => a.EntityType == "client" && a.Action == "create" && a.UserName == "admin")));
    }

    [Fact]
    public async Task CreateClient_BadFields_EachNamedAndNothingStored()
    {
        await using var demo = await DemoScenario.StartAsync(fixture);
        var before = await demo.Provider.InScopeAsync(db => db.Clients.CountAsync());

        var result = await CreateAsync(demo, Empty with
        {
            Name = " ", Type = "wholesaler", Phones = ["+7 495 100-00-01", "not a number"], Manager = "1001", PriceColumn = 7, CreditLimit = -1m,
            Status = "asleep", Email = "nobody", Receivers = [""],
        });

        var errors = Assert.IsType<ValidationProblem>(result.Result).ProblemDetails.Errors;
        Assert.Equal(["creditLimit", "email", "manager", "name", "phones[0]", "phones[1]", "priceColumn", "receivers", "status", "type"],
            errors.Keys.Order(StringComparer.Ordinal));
        Assert.Equal("+74951000001 belongs to another client: one number identifies one client.", errors["phones[0]"][0]);
        Assert.Equal("1001 (Anna Petrova) is not a manager.", errors["manager"][0]);
        Assert.Equal(before, await demo.Provider.InScopeAsync(db => db.Clients.CountAsync()));
    }

    [Fact]
    public async Task UpdateClient_OnlyGivenFieldsChange_UnknownClientNotFound()
    {
        await using var demo = await DemoScenario.StartAsync(fixture);
        var arbat = await demo.ClientIdAsync("Arbat Foods");

        var result = await demo.InScopeAsync<ClientRecords, Results<Ok<ClientRecordDto>, NotFound, ValidationProblem, ProblemHttpResult>>(async c =>
            DeskHttp.Ok(await c.UpdateAsync(arbat, Empty with { Manager = "2002", Receivers = ["Petr Sidorov", "Anna Kim"], CreditLimit = 600_000m },
                "admin", CancellationToken.None)));
        var unknown = await demo.InScopeAsync<ClientRecords, Results<Ok<ClientRecordDto>, NotFound, ValidationProblem, ProblemHttpResult>>(async c =>
            DeskHttp.Ok(await c.UpdateAsync(Guid.NewGuid(), Empty with { Name = "X" }, "admin", CancellationToken.None)));

        var updated = Assert.IsType<Ok<ClientRecordDto>>(result.Result).Value!;
        Assert.Equal(("Arbat Foods", "key", "2002", 3, 600_000m), (updated.Name, updated.Type, updated.Manager, updated.PriceColumn, updated.CreditLimit));
        Assert.Equal(["+74951000001"], updated.Phones);
        Assert.Equal(["Petr Sidorov", "Anna Kim"], updated.Receivers);
        Assert.IsType<NotFound>(unknown.Result);
    }

    [Fact]
    public async Task ClientTypes_AdminAddsOne_ADuplicateCodeIsRefusedByField()
    {
        await using var demo = await DemoScenario.StartAsync(fixture);

        var added = await TypeAsync(demo, new ClientTypeRequest("HoReCa", "Hotels and restaurants"));
        var again = await TypeAsync(demo, new ClientTypeRequest("horeca", "Other"));
        var client = await CreateAsync(demo, Empty with { Name = "Cafe Pushkin", Type = "horeca", Phones = ["+7 495 700-00-01"] });

        Assert.Equal(new ClientTypeRecordDto("horeca", "Hotels and restaurants"), Assert.IsType<Created<ClientTypeRecordDto>>(added.Result).Value);
        Assert.Equal("The client type 'horeca' exists already.", Assert.IsType<ValidationProblem>(again.Result).ProblemDetails.Errors["code"][0]);
        Assert.Equal("horeca", Assert.IsType<Created<ClientRecordDto>>(client.Result).Value!.Type);
    }

    [Fact]
    public async Task Receivables_AddedOverdueBlocksOrders_PaidReleasesThem()
    {
        await using var demo = await DemoScenario.StartAsync(fixture);
        var corner = await demo.ClientIdAsync("Corner Shop");
        var today = await demo.InScopeAsync<DebtStatusCalculator, DateOnly>(c => Task.FromResult(c.Today));
        var overdue = today.AddDays(-10);

        var added = await demo.InScopeAsync<ReceivableRecords, Results<Created<ReceivableRecordDto>, NotFound, ValidationProblem, ProblemHttpResult>>(async r =>
            DeskHttp.Created(await r.CreateAsync(corner, new ReceivableRequest("INV-77", 1_000m, overdue, null, "AR-77"), "admin", CancellationToken.None),
                x => $"/api/admin/receivables/{x.Id}"));
        var receivable = Assert.IsType<Created<ReceivableRecordDto>>(added.Result).Value!;
        var blocked = await DebtAsync(demo, corner);
        var duplicate = await demo.InScopeAsync<ReceivableRecords, DeskResult<ReceivableRecordDto>>(r =>
            r.CreateAsync(corner, new ReceivableRequest("INV-77", 5m, overdue, null, null), "admin", CancellationToken.None));
        var paid = await demo.InScopeAsync<ReceivableRecords, DeskResult<ReceivableRecordDto>>(r =>
            r.UpdateAsync(receivable.Id, new ReceivableRequest(null, null, null, true, null), "admin", CancellationToken.None));
        var released = await DebtAsync(demo, corner);

        Assert.True(blocked.OrdersBlocked);
        Assert.Equal(["documentNumber"], duplicate.Error!.Fields!.Keys);
        Assert.Equal((0m, today), (paid.Value!.Outstanding, paid.Value.PaidOn));
        Assert.False(released.OrdersBlocked);
    }

    private static Task<Results<Created<ClientRecordDto>, NotFound, ValidationProblem, ProblemHttpResult>> CreateAsync(DemoScenario demo,
        ClientRecordRequest request) =>
        demo.InScopeAsync<ClientRecords, Results<Created<ClientRecordDto>, NotFound, ValidationProblem, ProblemHttpResult>>(async c =>
            DeskHttp.Created(await c.CreateAsync(request, "admin", CancellationToken.None), x => $"/api/admin/clients/{x.Id}"));

    private static Task<Results<Created<ClientTypeRecordDto>, NotFound, ValidationProblem, ProblemHttpResult>> TypeAsync(DemoScenario demo,
        ClientTypeRequest request) =>
        demo.InScopeAsync<ClientTypeRecords, Results<Created<ClientTypeRecordDto>, NotFound, ValidationProblem, ProblemHttpResult>>(async t =>
            DeskHttp.Created(await t.CreateAsync(request, "admin", CancellationToken.None), x => $"/api/admin/client-types/{x.Code}"));

    private static Task<DebtStatus> DebtAsync(DemoScenario demo, Guid client) =>
        demo.InScopeAsync<IServiceProvider, DebtStatus>(async sp =>
        {
            var db = sp.GetRequiredService<Persistence.CrmDbContext>();
            var calculator = sp.GetRequiredService<DebtStatusCalculator>();
            var limit = await db.Clients.Where(c => c.Id == client).Select(c => c.CreditLimit).SingleAsync();
            return calculator.Calculate(limit, await db.Receivables.Where(r => r.ClientId == client).ToListAsync());
        });
}
