using ContactCenter.Acd.Directory;
using ContactCenter.Acd.Routing;
using static ContactCenter.Acd.Tests.DemoDirectory;

namespace ContactCenter.Acd.Tests;

/// <summary>Each rule of the default policy (sip-config/routing.json) over the demo clients, with everyone available.</summary>
public sealed class AcdRouterRuleTests
{
    [Theory]
    // 1. New caller: unknown number to the head of wholesale; a client without a manager to the head of its type's department.
    [InlineData(Unknown, null, "new-caller", new[] { "3001" })]
    [InlineData(null, null, "new-caller", new[] { "3001" })]
    [InlineData(OutletNo5, null, "new-caller", new[] { "3002" })]
    [InlineData(Gastronom1, null, "new-caller", new[] { "3002" })]
    [InlineData(Gastronom1, "other", "new-caller", new[] { "3002" })]
    // 2. Debt: the assigned manager, then finance; it wins over the key-client rule and the menu choice.
    [InlineData(LatePayer, null, "debt", new[] { "2101", "4001" })]
    [InlineData(LatePayer, "other", "debt", new[] { "2101", "4001" })]
    [InlineData(OverLimit, null, "debt", new[] { "2002", "4001" })]
    // 3. Key client: the manager, the other key-account manager, the head of wholesale.
    [InlineData(ArbatFoods, null, "key-client", new[] { "2001", "2002", "3001" })]
    [InlineData(VolgaTrade, null, "key-client", new[] { "2002", "2001", "3001" })]
    [InlineData(ArbatFoods, "other", "key-client", new[] { "2001", "2002", "3001" })]
    // 4. Other matters: the manager, then the head of the client's sales department.
    [InlineData(CornerShop, "other", "other-matters", new[] { "2101", "3002" })]
    [InlineData(TverMarket, "other", "other-matters", new[] { "2101", "3002" })]
    // 5. Everyone else: the operator queue (Corner Shop's receivable is due today, so not overdue).
    [InlineData(CornerShop, null, "operator-queue", new[] { "1001", "1002", "1003" })]
    [InlineData(TverMarket, "order", "operator-queue", new[] { "1001", "1002", "1003" })]
    public async Task Decide_DefaultPolicy_RuleAndTargetsInOrder(string? caller, string? menuChoice, string rule, string[] targets)
    {
        using var bed = await AcdTestBed.StartAsync();

        var decision = bed.Decide(caller, menuChoice);

        Assert.Equal(rule, decision.Rule);
        Assert.Equal(targets, decision.Targets);
        Assert.Equal(1, decision.PolicyVersion);
        Assert.Null(decision.Note);
    }

    [Theory]
    [InlineData(Unknown, "client-department-head (wholesale)", "3001")]
    [InlineData(OutletNo5, "client-department-head (sales-support)", "3002")]
    public async Task Decide_NewCaller_TraceNamesTheDepartment(string caller, string source, string head)
    {
        using var bed = await AcdTestBed.StartAsync();

        var decision = bed.Decide(caller);

        Assert.Equal([new RoutingCandidate(source, head, "available", "available, no call since start", true)], decision.Candidates);
    }

    [Theory]
    [InlineData(ArbatFoods, "Arbat Foods", "key", "2001", null)]
    [InlineData(LatePayer, "Late Payer", "retail", "2101", "receivables overdue since 2026-10-31")]
    [InlineData(OverLimit, "Over Limit", "key", "2002", "receivables over the credit limit")]
    [InlineData(CornerShop, "Corner Shop", "retail", "2101", null)]
    public async Task Decide_KnownClient_IdentifiedWithDebtReason(string caller, string name, string type, string manager, string? debt)
    {
        using var bed = await AcdTestBed.StartAsync();

        var decision = bed.Decide(caller);

        Assert.NotNull(decision.Client);
        Assert.Equal((name, type, manager, debt), (decision.Client.Name, decision.Client.Type, decision.Client.Manager, decision.Client.Debt));
    }

    [Fact]
    public async Task Decide_UnknownNumber_NoClient()
    {
        using var bed = await AcdTestBed.StartAsync();

        var decision = bed.Decide(Unknown);

        Assert.Null(decision.Client);
    }

    [Fact]
    public async Task Decide_KeyClientManagerBusy_OtherKeyManagersLongestIdleFirst()
    {
        var staff = Staff.Append(new DirectoryStaff("2003", "Yuri Belov", "Manager", "wholesale", true, null));
        using var bed = await AcdTestBed.StartAsync(staff: staff);
        bed.Register("2003");
        bed.Talk("2003");
        bed.Time.Advance(TimeSpan.FromMinutes(1));
        bed.Talk("2002");
        bed.Time.Advance(TimeSpan.FromMinutes(1));
        bed.OnCall("2001");

        var decision = bed.Decide(ArbatFoods);

        // 2003 hung up a minute before 2002: it has waited longer for a call.
        Assert.Equal(["2003", "2002", "3001"], decision.Targets);
        Assert.Equal(["key-account-managers", "key-account-managers"],
            decision.Candidates.Where(c => c.Extension is "2002" or "2003").Select(c => c.Source));
    }

    [Fact]
    public async Task Decide_ManagerLeftTheCompany_SkippedAsNoLongerActive()
    {
        var staff = Staff.Select(s => s.Extension == "2001" ? s with { IsActive = false } : s);
        using var bed = await AcdTestBed.StartAsync(staff: staff);

        var decision = bed.Decide(ArbatFoods);

        Assert.Equal(["2002", "3001"], decision.Targets);
        Assert.Contains(new RoutingCandidate("assigned-manager", "2001", "available", "no longer active", false), decision.Candidates);
    }
}
