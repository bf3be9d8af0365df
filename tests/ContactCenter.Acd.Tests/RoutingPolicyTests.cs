using System.Text.Json;
using ContactCenter.Acd.Policy;

namespace ContactCenter.Acd.Tests;

public sealed class RoutingPolicyTests
{
    [Fact]
    public void TryParse_ShippedFileWithComments_RulesInOrderOfPrecedence()
    {
        var json = File.ReadAllText(RepositoryFiles.RoutingJson);

        var parsed = RoutingPolicy.TryParse(json, out var policy, out var error);

        Assert.True(parsed, error);
        Assert.Contains("//", json, StringComparison.Ordinal);
        Assert.Equal(["new-caller", "debt", "key-client", "other-matters", "operator-queue"], policy!.Rules.Select(r => r.Name));
        Assert.Equal(["queue:operators"], policy.LastResort);
    }

    [Fact]
    public void TryParse_ShippedFile_OperatorQueueAsDocumented()
    {
        var policy = TestPolicies.FromFile();

        var queue = policy.FindQueue("OPERATORS");

        Assert.NotNull(queue);
        Assert.Equal(["1001", "1002", "1003"], queue.Members.Select(m => m.Extension));
        Assert.Equal((QueueStrategies.LongestIdle, TimeSpan.FromMinutes(3)), (queue.Strategy, queue.MaxWait));
        Assert.Equal(["department-head:sales-support"], queue.Overflow);
        Assert.Equal(("office", null), (queue.Hours, queue.Voicemail)); // business hours on, voicemail after them
        Assert.Equal([new DateOnly(2027, 1, 1), new DateOnly(2027, 1, 7)], policy.FindHours("office")!.Holidays);
    }

    [Fact]
    public void DefaultRoutingPolicy_SameRulesAndQueueAsTheShippedFile()
    {
        var file = TestPolicies.FromFile();

        var builtIn = DefaultRoutingPolicy.Create(["1001", "1002", "1003"]);

        Assert.Equal(Json(file.Rules), Json(builtIn.Rules));
        Assert.Equal(Json(file.Queues), Json(builtIn.Queues));
        Assert.Equal(Json(file.Hours), Json(builtIn.Hours));
        Assert.Equal(Json(file.DepartmentsByClientType), Json(builtIn.DepartmentsByClientType));
        Assert.Equal((file.DefaultDepartment, Json(file.LastResort)), (builtIn.DefaultDepartment, Json(builtIn.LastResort)));
    }

    [Fact]
    public void ToJson_ThenTryParse_SamePolicy()
    {
        var policy = TestPolicies.WithOperatorQueue(q => q with { Members = [new QueueMember("1001", 2), new QueueMember("1002")] });

        Assert.True(RoutingPolicy.TryParse(policy.ToJson(), out var again, out var error), error);

        Assert.Equal(policy.ToJson(), again!.ToJson());
        Assert.Equal(2, again.FindQueue("operators")!.Members[0].Penalty);
    }

    [Theory]
    [InlineData("{ \"rules\": [ ")]
    [InlineData("null")]
    [InlineData("{ \"rules\": [], \"colour\": \"red\" }")]
    [InlineData("{ \"rules\": [], \"queues\": [ { \"name\": \"q\", \"members\": [ { \"extension\": \"1001\", \"weight\": 1 } ] } ] }")]
    [InlineData("{ \"rules\": [], \"queues\": [ { \"name\": \"q\", \"members\": [ 1001 ] } ] }")]
    public void TryParse_NotAPolicy_FalseWithReason(string json)
    {
        var parsed = RoutingPolicy.TryParse(json, out var policy, out var error);

        Assert.False(parsed);
        Assert.Null(policy);
        Assert.False(string.IsNullOrWhiteSpace(error));
    }

    private static string Json<T>(T value) => JsonSerializer.Serialize(value, RoutingPolicy.Json);
}
