using System.Text.Json;
using ContactCenter.Contracts.Calls;
using ContactCenter.Contracts.Clients;
using ContactCenter.Crm.Api;
using ContactCenter.Crm.Clients;
using ContactCenter.Crm.Notifications;
using ContactCenter.Crm.Outbox;
using ContactCenter.Crm.Persistence;
using ContactCenter.Crm.Users;
using ContactCenter.TestKit;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ContactCenter.Crm.Tests;

[Collection(DatabaseCollection.Name)]
[Trait("Category", "Database")]
public sealed class ClientAssignmentTests(CrmDatabaseFixture fixture)
{
    private static async Task<Guid> NewCallerAsync(DemoScenario demo) =>
        (await demo.InScopeAsync<NewClientRegistrar, Guid?>(r => r.RegisterAsync(
            new CallReceived(Guid.NewGuid(), Guid.NewGuid(), 1, DateTimeOffset.UnixEpoch, CallDirection.Inbound, "84957770022", "7000", "+74957770022"),
            CancellationToken.None)))!.Value;

    private static async Task<Results<Ok<ClientSummaryDto>, NotFound, ValidationProblem, ProblemHttpResult>> AssignAsync(DemoScenario demo, Guid client,
        AssignManagerRequest request, string head = "3001")
    {
        await using var scope = demo.Provider.CreateAsyncScope();
        var by = await SignedInUser.ReadAsync(scope.ServiceProvider.GetRequiredService<CrmDbContext>(), DemoScenario.User(head, "DepartmentHead"),
            CancellationToken.None);
        return DeskHttp.Ok(await scope.ServiceProvider.GetRequiredService<ClientAssignments>().AssignAsync(client, request, by, CancellationToken.None));
    }

    [Fact]
    public async Task Reassign_ClientOfAnotherDepartment_ForbiddenForThatHeadAllowedForItsOwn()
    {
        await using var demo = await DemoScenario.StartAsync(fixture);
        var arbat = await demo.ClientIdAsync("Arbat Foods"); // managed by 2001, wholesale (head 3001)

        var other = await AssignAsync(demo, arbat, new AssignManagerRequest("2101", null, null), head: "3002");
        var own = await AssignAsync(demo, arbat, new AssignManagerRequest("2002", null, null), head: "3001");

        var problem = Assert.IsType<ProblemHttpResult>(other.Result);
        Assert.Equal(StatusCodes.Status403Forbidden, problem.StatusCode);
        Assert.Contains("managed by 2001 (wholesale)", problem.ProblemDetails.Detail, StringComparison.Ordinal);
        Assert.IsType<Ok<ClientSummaryDto>>(own.Result);
    }

    [Fact]
    public async Task Assign_ManagerAndType_ClientRoutedToTheManagerAndEventAndNotification()
    {
        await using var demo = await DemoScenario.StartAsync(fixture);
        var client = await NewCallerAsync(demo);

        var result = await AssignAsync(demo, client, new AssignManagerRequest("2101", "retail", 2));

        var dto = Assert.IsType<Ok<ClientSummaryDto>>(result.Result).Value!;
        Assert.Equal(("2101", "retail", 2), (dto.ManagerExtension, dto.Type, dto.PriceColumn));
        var message = await demo.Provider.InScopeAsync(db => db.Outbox.AsNoTracking().SingleAsync(m => m.MessageType == typeof(ClientAssigned).FullName));
        var assigned = JsonSerializer.Deserialize<ClientAssigned>(message.Payload, OutboxMessageTypes.JsonOptions)!;
        Assert.Equal((client, "2101", "retail", "3001"), (assigned.ClientId, assigned.ManagerExtension, assigned.ClientType, assigned.AssignedBy));
        Assert.Contains(await demo.NotificationsOfAsync("2101", "Manager"), n => n.Kind == NotificationKinds.ClientAssigned && n.SubjectId == client);
        Assert.DoesNotContain(await demo.InScopeAsync<ClientAssignments, List<UnassignedClientDto>>(a => a.ListUnassignedAsync(CancellationToken.None)),
            c => c.Id == client);
        Assert.Equal(1, await demo.Provider.InScopeAsync(db => db.Audit.CountAsync(a => a.Action == "assign-manager" && a.UserName == "3001")));
    }

    [Theory]
    [InlineData("3002", "3002 (Igor Popov) is a department head, not a manager.")]
    [InlineData("1001", "1001 (Anna Petrova) is an operator, not a manager.")]
    [InlineData("9999", "No member of staff has extension 9999.")]
    [InlineData(null, "Give the extension of the manager, e.g. 2001.")]
    public async Task Assign_NotAManager_BadRequestNamingManager(string? manager, string message)
    {
        await using var demo = await DemoScenario.StartAsync(fixture);
        var client = await NewCallerAsync(demo);

        var result = await AssignAsync(demo, client, new AssignManagerRequest(manager, "retail", null));

        var errors = Assert.IsType<ValidationProblem>(result.Result).ProblemDetails.Errors;
        Assert.Equal([message], errors["manager"]);
        Assert.Null(await demo.Provider.InScopeAsync(db => db.Clients.Where(c => c.Id == client).Select(c => c.AssignedManagerId).SingleAsync()));
    }

    [Fact]
    public async Task Assign_NewClientWithoutTypeOrBadColumn_BadRequestNamingTypeAndPriceColumn()
    {
        await using var demo = await DemoScenario.StartAsync(fixture);
        var client = await NewCallerAsync(demo);

        var result = await AssignAsync(demo, client, new AssignManagerRequest("2001", null, 7));

        var errors = Assert.IsType<ValidationProblem>(result.Result).ProblemDetails.Errors;
        Assert.Equal(["priceColumn", "type"], errors.Keys.Order());
        Assert.StartsWith("New caller +74957770022 is still of type 'new': give its type (indicator, key, own-outlet, regional, retail)", errors["type"][0], StringComparison.Ordinal);
        Assert.Equal(["The price list in force has no column 7."], errors["priceColumn"]);
    }

    [Fact]
    public async Task Assign_UnknownClient_NotFound()
    {
        await using var demo = await DemoScenario.StartAsync(fixture);

        var result = await AssignAsync(demo, Guid.NewGuid(), new AssignManagerRequest("2001", "key", null));

        Assert.Equal(StatusCodes.Status404NotFound, Assert.IsType<ProblemHttpResult>(result.Result).StatusCode);
    }

    [Fact]
    public async Task Assign_ExistingClientWithoutManager_KeepsItsType()
    {
        await using var demo = await DemoScenario.StartAsync(fixture);
        var outlet = await demo.ClientIdAsync("Outlet No. 5");

        var result = await AssignAsync(demo, outlet, new AssignManagerRequest("2101", null, null));

        var dto = Assert.IsType<Ok<ClientSummaryDto>>(result.Result).Value!;
        Assert.Equal(("2101", "own-outlet", 2), (dto.ManagerExtension, dto.Type, dto.PriceColumn));
    }

    [Fact]
    public async Task Assign_HeadCompletesNewCallersNameAndNumbers_BadNumberNamed()
    {
        await using var demo = await DemoScenario.StartAsync(fixture);
        var client = await NewCallerAsync(demo);

        var bad = await AssignAsync(demo, client, new AssignManagerRequest("2101", "retail", null, "Volga Bakery", ["+7 495 777-00-22", "+7 495 100-00-01"]));
        var done = await AssignAsync(demo, client, new AssignManagerRequest("2101", "retail", null, " Volga Bakery ", ["+7 495 777-00-22", "8 495 777 00 23"]));

        Assert.Equal(["phones[1]"], Assert.IsType<ValidationProblem>(bad.Result).ProblemDetails.Errors.Keys);
        Assert.IsType<Ok<ClientSummaryDto>>(done.Result);
        var stored = await demo.Provider.InScopeAsync(db => db.Clients.Include(c => c.Phones).SingleAsync(c => c.Id == client));
        Assert.Equal("Volga Bakery", stored.Name);
        Assert.Equal(["+74957770022", "+74957770023"], stored.Phones.Select(p => p.E164).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task MyClients_ManagerSeesOwnClientsWithDebtStatus_BlockedFirst()
    {
        await using var demo = await DemoScenario.StartAsync(fixture);

        var mine = await demo.InScopeAsync<List<MyClientDto>>(async services =>
        {
            var by = await SignedInUser.ReadAsync(services.GetRequiredService<CrmDbContext>(), DemoScenario.User("2101", "Manager"), CancellationToken.None);
            return await services.GetRequiredService<ManagerClients>().ListAsync(by, CancellationToken.None);
        });
        var nobody = await demo.InScopeAsync<List<MyClientDto>>(async services =>
            await services.GetRequiredService<ManagerClients>().ListAsync(
                await SignedInUser.ReadAsync(services.GetRequiredService<CrmDbContext>(), DemoScenario.User("admin", "Admin"), CancellationToken.None),
                CancellationToken.None));

        var late = Assert.Single(mine, c => c.Name == "Late Payer");
        Assert.Equal(("overdue", 18_500m), (late.DebtStatus, late.Overdue));
        Assert.Equal("Late Payer", mine[0].Name);
        Assert.Contains(mine, c => c.Name == "Corner Shop" && c.DebtStatus == "ok");
        Assert.Empty(nobody);
    }
}
