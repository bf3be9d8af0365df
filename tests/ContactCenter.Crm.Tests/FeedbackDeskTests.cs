using System.Text.Json;
using ContactCenter.Contracts.Feedback;
using ContactCenter.Crm.Api;
using ContactCenter.Crm.Feedback;
using ContactCenter.Crm.Notifications;
using ContactCenter.Crm.Outbox;
using ContactCenter.TestKit;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace ContactCenter.Crm.Tests;

[Collection(DatabaseCollection.Name)]
[Trait("Category", "Database")]
public sealed class FeedbackDeskTests(CrmDatabaseFixture fixture)
{
    private static async Task<Results<Created<FeedbackDto>, NotFound, ValidationProblem, ProblemHttpResult>> RecordAsync(DemoScenario demo, string client, string kind,
        string category, string text = "The delivery came two hours late.") =>
        await demo.InScopeAsync<FeedbackDesk, Results<Created<FeedbackDto>, NotFound, ValidationProblem, ProblemHttpResult>>(async desk => DeskHttp.Created(await desk.RecordAsync(
            new RecordFeedbackRequest(await demo.ClientIdAsync(client), Guid.NewGuid(), kind, category, text), "1001", CancellationToken.None), f => $"/api/feedback/{f.Id}"));

    private static Task<Results<Ok<FeedbackDto>, NotFound, ValidationProblem, ProblemHttpResult>> ReviewAsync(DemoScenario demo, Guid id,
        ReviewFeedbackRequest request, string user, params string[] roles) =>
        demo.AsUserAsync<FeedbackDesk, Results<Ok<FeedbackDto>, NotFound, ValidationProblem, ProblemHttpResult>>(user, roles,
            async (desk, signedIn) => DeskHttp.Ok(await desk.ReviewAsync(id, request, signedIn, CancellationToken.None)));

    private static Task<Results<Ok<List<FeedbackDto>>, NotFound, ValidationProblem, ProblemHttpResult>> ListAsync(DemoScenario demo, string user, string role,
        string? department, string? status) =>
        demo.AsUserAsync<FeedbackDesk, Results<Ok<List<FeedbackDto>>, NotFound, ValidationProblem, ProblemHttpResult>>(user, [role],
            async (desk, signedIn) => DeskHttp.Ok(await desk.ListAsync(department, status, null, signedIn, CancellationToken.None)));

    [Fact]
    public async Task Record_DeliveryComplaint_DispatchNotifiedAndTheClientsManagerToo()
    {
        await using var demo = await DemoScenario.StartAsync(fixture);

        var result = await RecordAsync(demo, "Corner Shop", "complaint", "Delivery");

        var item = Assert.IsType<Created<FeedbackDto>>(result.Result).Value!;
        Assert.Equal(("complaint", "delivery", "dispatch", "open"), (item.Kind, item.Category, item.Department, item.Status));
        var dispatcher = Assert.Single(await demo.NotificationsOfAsync("5001", "Dispatcher"));
        Assert.Equal((NotificationKinds.Feedback, "dispatch", item.Id, false), (dispatcher.Kind, dispatcher.Department, dispatcher.SubjectId, dispatcher.Personal));
        Assert.Equal("Complaint (delivery) from Corner Shop: The delivery came two hours late.", dispatcher.Text);
        Assert.Contains(await demo.NotificationsOfAsync("2101", "Manager"), n => n.SubjectId == item.Id && n.Personal);
        Assert.DoesNotContain(await demo.NotificationsOfAsync("4001", "Finance"), n => n.SubjectId == item.Id);
        var message = await demo.Provider.InScopeAsync(db => db.Outbox.AsNoTracking().SingleAsync(m => m.MessageType == typeof(FeedbackReceived).FullName));
        var received = JsonSerializer.Deserialize<FeedbackReceived>(message.Payload, OutboxMessageTypes.JsonOptions)!;
        Assert.Equal((item.Id, "complaint", "dispatch", "1001"), (received.FeedbackId, received.Kind, received.DepartmentCode, received.RecordedBy));
    }

    [Theory]
    [InlineData("documents", "finance", "4001")]
    [InlineData("quality", "quality", "3002")]
    [InlineData("assortment", "wholesale", "2001")]
    public async Task Record_Wish_RoutedByCategory(string category, string department, string member)
    {
        await using var demo = await DemoScenario.StartAsync(fixture);

        var item = Assert.IsType<Created<FeedbackDto>>((await RecordAsync(demo, "Gastronom-1", "wish", category)).Result).Value!;

        Assert.Equal(department, item.Department);
        Assert.Contains(await demo.NotificationsOfAsync(member), n => n.SubjectId == item.Id && n.Department == department);
    }

    [Fact]
    public async Task Record_BadInput_BadRequestNamingEachField()
    {
        await using var demo = await DemoScenario.StartAsync(fixture);

        var result = await demo.InScopeAsync<FeedbackDesk, Results<Created<FeedbackDto>, NotFound, ValidationProblem, ProblemHttpResult>>(async desk => DeskHttp.Created(await desk.RecordAsync(
            new RecordFeedbackRequest(Guid.NewGuid(), null, "praise", "weather", " "), "1001", CancellationToken.None), f => $"/api/feedback/{f.Id}"));

        var errors = Assert.IsType<ValidationProblem>(result.Result).ProblemDetails.Errors;
        Assert.Equal(["category", "clientId", "kind", "text"], errors.Keys.Order());
        Assert.Equal(["Give one of the categories: assortment, delivery, documents, other, price, quality, service."], errors["category"]);
    }

    [Fact]
    public async Task Review_HeadOfQualityJudgesJustifiedAndResolves_ListedAsResolved()
    {
        await using var demo = await DemoScenario.StartAsync(fixture);
        var item = Assert.IsType<Created<FeedbackDto>>((await RecordAsync(demo, "Arbat Foods", "complaint", "quality", "Sour milk")).Result).Value!;

        var reviewed = await ReviewAsync(demo, item.Id, new ReviewFeedbackRequest(true, true, "Replaced 10 boxes."), "3002", "DepartmentHead");

        var dto = Assert.IsType<Ok<FeedbackDto>>(reviewed.Result).Value!;
        Assert.Equal((true, "resolved", "3002", "Replaced 10 boxes."), (dto.Justified, dto.Status, dto.ReviewedBy, dto.Resolution));
        var resolved = await ListAsync(demo, "3002", "DepartmentHead", "quality", "resolved");
        Assert.Equal([item.Id], Assert.IsType<Ok<List<FeedbackDto>>>(resolved.Result).Value!.Select(f => f.Id));
    }

    [Fact]
    public async Task Review_HeadOfAnotherDepartment_Forbidden()
    {
        await using var demo = await DemoScenario.StartAsync(fixture);
        var item = Assert.IsType<Created<FeedbackDto>>((await RecordAsync(demo, "Arbat Foods", "complaint", "quality")).Result).Value!;

        var result = await ReviewAsync(demo, item.Id, new ReviewFeedbackRequest(true, null, null), "3001", "DepartmentHead");

        var problem = Assert.IsType<ProblemHttpResult>(result.Result);
        Assert.Equal(StatusCodes.Status403Forbidden, problem.StatusCode);
        Assert.Equal("Only the head of Quality and complaints (or an admin) reviews this complaint.", problem.ProblemDetails.Detail);
    }

    [Fact]
    public async Task Review_WishJudgedJustified_BadRequestNamingJustified()
    {
        await using var demo = await DemoScenario.StartAsync(fixture);
        var item = Assert.IsType<Created<FeedbackDto>>((await RecordAsync(demo, "Arbat Foods", "wish", "quality")).Result).Value!;

        var result = await ReviewAsync(demo, item.Id, new ReviewFeedbackRequest(true, null, null), "admin", "Admin");

        Assert.Equal(["Only complaints are judged justified; this is a wish."], Assert.IsType<ValidationProblem>(result.Result).ProblemDetails.Errors["justified"]);
    }

    [Fact]
    public async Task List_OperatorAsksForAnotherDepartment_Forbidden()
    {
        await using var demo = await DemoScenario.StartAsync(fixture);

        var result = await ListAsync(demo, "1001", "Operator", "quality", null);

        Assert.Equal(StatusCodes.Status403Forbidden, Assert.IsType<ProblemHttpResult>(result.Result).StatusCode);
    }

    [Fact]
    public void Options_ConfiguredCategory_AddedToTheDefaults()
    {
        var services = new ServiceCollection();
        services.AddOptions<FeedbackOptions>().Bind(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Crm:Feedback:Categories:packaging"] = "quality",
            ["Crm:Feedback:Categories:Price"] = "sales-support",
        }).Build().GetSection(FeedbackOptions.Section));

        var categories = services.BuildServiceProvider().GetRequiredService<IOptions<FeedbackOptions>>().Value.Categories;

        Assert.Equal(("quality", "sales-support", "dispatch", 8), (categories["packaging"], categories["price"], categories["delivery"], categories.Count));
    }
}
