using System.Text;
using ContactCenter.Crm.Api;
using ContactCenter.Crm.Outbound;
using ContactCenter.TestKit;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ContactCenter.Crm.Tests;

[Collection(DatabaseCollection.Name)]
[Trait("Category", "Database")]
public sealed class SurveyTests(CrmDatabaseFixture fixture)
{
    private static readonly List<SurveyQuestionRequest> Questions =
    [
        new("Tried the mango yogurt?", "yes-no", null),
        new("Delivery, 1 to 5?", "scale", null),
        new("Best day?", "choice", ["Monday", "Friday"]),
        new("Anything to improve?", "text", null),
    ];

    [Fact]
    public async Task Result_AnswersNotFittingTheQuestions_BadRequestNamingEachQuestion()
    {
        await using var demo = await new CallTaskDeskTests(fixture).StartAsync();
        var task = await DialledSurveyTaskAsync(demo);

        var result = await CallTaskDeskTests.ResultAsync(demo, task, new CallTaskResultRequest("reached", null, null,
            new() { ["1"] = "maybe", ["2"] = "7", ["3"] = "Sunday", ["9"] = "x" }));

        var errors = Assert.IsType<ValidationProblem>(result.Result).ProblemDetails.Errors;
        Assert.Equal(["answers.1", "answers.2", "answers.3", "answers.9"], errors.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(["Question 1 ('Tried the mango yogurt?'): answer yes or no."], errors["answers.1"]);
        Assert.Equal(["Question 2 ('Delivery, 1 to 5?'): answer a whole number from 1 to 5."], errors["answers.2"]);
        Assert.Equal(["Question 3 ('Best day?'): answer one of: Monday, Friday."], errors["answers.3"]);
        Assert.Equal(["There is no question 9: the questions are numbered 1 to 4."], errors["answers.9"]);
    }

    [Fact]
    public async Task Result_AnswersWhenNotReached_BadRequest()
    {
        await using var demo = await new CallTaskDeskTests(fixture).StartAsync();
        var task = await DialledSurveyTaskAsync(demo);

        var result = await CallTaskDeskTests.ResultAsync(demo, task, new CallTaskResultRequest("no-answer", null, null, new() { ["1"] = "yes" }));

        Assert.Equal(["Survey answers are recorded only when the client was reached."],
            Assert.IsType<ValidationProblem>(result.Result).ProblemDetails.Errors["answers"]);
    }

    [Fact]
    public async Task Answers_TwoClientsAnswered_AggregatedPerQuestionPerTaskAndCsv()
    {
        var tasks = new CallTaskDeskTests(fixture);
        await using var demo = await tasks.StartAsync();
        var list = await CallTaskDeskTests.ListAsync(demo, ["Arbat Foods", "Volga Trade"], null, Questions);
        await AnswerAsync(demo, list, 1, new() { ["1"] = "YES", ["2"] = "4", ["3"] = "friday", ["4"] = "Earlier, please" });
        await AnswerAsync(demo, list, 2, new() { ["1"] = "no", ["2"] = "5", ["3"] = "Friday" });

        var answers = Assert.IsType<Ok<SurveyResultsDto>>((await demo.InScopeAsync<CallListReports, Results<Ok<SurveyResultsDto>, NotFound, ValidationProblem, ProblemHttpResult>>(
            async r => DeskHttp.Ok(await r.AnswersAsync(list, SignedIn.Head, CancellationToken.None)))).Result).Value!;
        var csv = Assert.IsType<FileContentHttpResult>((await demo.InScopeAsync<CallListReports, Results<FileContentHttpResult, NotFound, ValidationProblem, ProblemHttpResult>>(
            async r => DeskHttp.File(await r.CsvAsync(list, SignedIn.Head, CancellationToken.None)))).Result);

        Assert.Equal(2, answers.TasksAnswered);
        Assert.Equal(new Dictionary<string, int> { ["yes"] = 1, ["no"] = 1 }, answers.Questions[0].Counts);
        Assert.Equal(4.5, answers.Questions[1].Average);
        Assert.Equal(new Dictionary<string, int> { ["Monday"] = 0, ["Friday"] = 2 }, answers.Questions[2].Counts);
        Assert.Equal(["Earlier, please"], answers.Questions[3].Texts);
        Assert.Equal("Volga Trade", answers.Tasks[1].Client);
        Assert.Equal("no", answers.Tasks[1].Answers["1"]);
        var lines = Encoding.UTF8.GetString(csv.FileContents.Span).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(3, lines.Length);
        Assert.EndsWith(",Q1 Tried the mango yogurt?,\"Q2 Delivery, 1 to 5?\",Q3 Best day?,Q4 Anything to improve?", lines[0], StringComparison.Ordinal);
        Assert.EndsWith(",Arbat Foods,+74951000001,done,reached,1,1003,,yes,4,Friday,\"Earlier, please\"", lines[1], StringComparison.Ordinal);
    }

    private static async Task<Guid> DialledSurveyTaskAsync(DemoScenario demo)
    {
        var list = await CallTaskDeskTests.ListAsync(demo, ["Arbat Foods"], null, Questions);
        var task = await CallTaskDeskTests.TaskIdAsync(demo, list);
        await CallTaskDeskTests.DialAsync(demo, SignedIn.Vera, task);
        return task;
    }

    private static async Task AnswerAsync(DemoScenario demo, Guid list, int position, Dictionary<string, string> answers)
    {
        var task = await CallTaskDeskTests.TaskIdAsync(demo, list, position);
        await CallTaskDeskTests.DialAsync(demo, SignedIn.Vera, task);
        CallTaskDeskTests.Ok(await CallTaskDeskTests.ResultAsync(demo, task, new CallTaskResultRequest("reached", null, null, answers)));
    }
}
