using ContactCenter.Acd.Policy;
using static ContactCenter.Acd.Tests.DemoDirectory;

namespace ContactCenter.Acd.Tests;

public sealed class RoutingPolicyProviderTests : IDisposable
{
    private readonly string _tempFile = Path.Combine(Path.GetTempPath(), $"routing-{Guid.NewGuid():N}.json");

    public void Dispose() => File.Delete(_tempFile);

    [Fact]
    public async Task LoadAsync_EmptyStore_SeedsVersionOneFromTheFile()
    {
        using var bed = await AcdTestBed.StartAsync(loadPolicy: false);

        var loaded = await bed.Policies.LoadAsync(CancellationToken.None);

        Assert.True(loaded);
        var stored = Assert.Single(bed.Store.Versions);
        Assert.Equal((1, RoutingPolicyProvider.SystemUser, "loaded from " + RepositoryFiles.RoutingJson), (stored.Version, stored.CreatedBy, stored.Comment));
        Assert.Equal(TestPolicies.FromFile().ToJson(), stored.Document);
        Assert.Equal(1, bed.Policies.Current.Version);
        Assert.Equal(1, bed.Decide(ArbatFoods).PolicyVersion);
    }

    [Fact]
    public async Task LoadAsync_TwiceAtOnceOnASlowDatabase_SeededOnce_BothLoad()
    {
        // The start-up's load and the background retry meet when the database answers slowly.
        using var bed = await AcdTestBed.StartAsync(loadPolicy: false);
        var slow = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        bed.Store.SlowReads = slow.Task;

        var first = bed.Policies.LoadAsync(CancellationToken.None);
        var second = bed.Policies.LoadAsync(CancellationToken.None);
        await Task.Delay(50);
        slow.SetResult();

        var loaded = await Task.WhenAll(first, second);

        Assert.Equal([true, true], loaded);
        Assert.Equal(1, bed.Store.SaveAttempts);
        Assert.Equal(1, Assert.Single(bed.Store.Versions).Version);
        Assert.Equal(1, bed.Policies.Current.Version);
    }

    [Fact]
    public async Task LoadAsync_StoreHoldsVersions_NewestInForceAndNothingSeeded()
    {
        using var bed = await AcdTestBed.StartAsync(loadPolicy: false);
        bed.Store.Add(TestPolicies.FromFile().ToJson(), "system");
        bed.Store.Add(TestPolicies.WithRule("key-client", r => r with { Targets = ["department-head:wholesale"] }).ToJson(), "admin");

        await bed.Policies.LoadAsync(CancellationToken.None);
        var decision = bed.Decide(ArbatFoods);

        Assert.Equal(2, bed.Store.Versions.Count);
        Assert.Equal(2, decision.PolicyVersion);
        Assert.Equal(["3001"], decision.Targets);
    }

    [Fact]
    public async Task LoadAsync_NewestVersionUnreadable_PreviousPolicyStaysInForce()
    {
        using var bed = await AcdTestBed.StartAsync();
        bed.Store.Add("{ not json", "someone");

        var loaded = await bed.Policies.LoadAsync(CancellationToken.None);

        Assert.True(loaded);
        Assert.Equal(1, bed.Policies.Current.Version);
        Assert.Equal("2001", bed.Decide(ArbatFoods).WouldOffer);
    }

    [Fact]
    public async Task SaveAsync_InvalidPolicy_RejectedNothingSavedOldPolicyRoutes()
    {
        using var bed = await AcdTestBed.StartAsync();
        var invalid = TestPolicies.WithRule("key-client", r => r with { Targets = ["extension:9999", "department-head:marketing"] });

        var (saved, errors) = await bed.Policies.SaveAsync(invalid, "admin", "typo", expectedVersion: 1, CancellationToken.None);
        var decision = bed.Decide(ArbatFoods);

        Assert.Null(saved);
        Assert.Equal(["Rule 'key-client': extension 9999 is not a known extension.", "Rule 'key-client': department 'marketing' is unknown."], errors);
        Assert.Single(bed.Store.Versions);
        Assert.Equal(1, decision.PolicyVersion);
        Assert.Equal(["2001", "2002", "3001"], decision.Targets);
    }

    [Fact]
    public async Task SaveAsync_ValidChange_InForceForTheNextCall()
    {
        using var bed = await AcdTestBed.StartAsync();
        var before = bed.Decide(ArbatFoods);
        var headFirst = TestPolicies.WithRule("key-client", r => r with { Targets = ["department-head:wholesale", "assigned-manager"] });

        var (saved, errors) = await bed.Policies.SaveAsync(headFirst, "admin", "heads first", expectedVersion: 1, CancellationToken.None);
        var after = bed.Decide(ArbatFoods);

        Assert.Empty(errors);
        Assert.Equal(2, saved!.Version);
        Assert.Equal(("admin", "heads first"), (bed.Store.Versions[^1].CreatedBy, bed.Store.Versions[^1].Comment));
        Assert.Equal(["2001", "2002", "3001"], before.Targets);
        Assert.Equal(2, after.PolicyVersion);
        Assert.Equal(["3001", "2001"], after.Targets);
    }

    [Fact]
    public async Task SaveAsync_SomeoneSavedInBetween_ConflictAndPolicyUnchanged()
    {
        using var bed = await AcdTestBed.StartAsync();
        await bed.UsePolicyAsync(TestPolicies.FromFile());
        var headFirst = TestPolicies.WithRule("key-client", r => r with { Targets = ["department-head:wholesale"] });

        var conflict = await Assert.ThrowsAsync<RoutingPolicyConflictException>(
            () => bed.Policies.SaveAsync(headFirst, "admin", null, expectedVersion: 1, CancellationToken.None));

        Assert.Equal(2, conflict.Current);
        Assert.Equal(2, bed.Policies.Current.Version);
        Assert.Equal("2001", bed.Decide(ArbatFoods).WouldOffer);
    }

    [Fact]
    public async Task LoadAsync_StoreDownAtStart_RoutesWithTheFilesPolicyAsVersionZero()
    {
        using var bed = await AcdTestBed.StartAsync(loadPolicy: false);
        bed.Store.Down = true;

        var loaded = await bed.Policies.LoadAsync(CancellationToken.None);
        var decision = bed.Decide(ArbatFoods);

        Assert.False(loaded);
        Assert.Equal((0, RepositoryFiles.RoutingJson + " (database unavailable)"), (bed.Policies.Current.Version, bed.Policies.Current.Source));
        Assert.Equal(("key-client", 0), (decision.Rule, decision.PolicyVersion));
        Assert.Equal(["2001", "2002", "3001"], decision.Targets);
    }

    [Fact]
    public async Task LoadAsync_StoreDownAtStart_TheConfiguredFileDecides()
    {
        File.WriteAllText(_tempFile, TestPolicies.WithRule("key-client", r => r with { Targets = ["department-head:wholesale"] }).ToJson());
        using var bed = await AcdTestBed.StartAsync(loadPolicy: false, configure: o => o.PolicyFile = _tempFile);
        bed.Store.Down = true;

        await bed.Policies.LoadAsync(CancellationToken.None);
        var decision = bed.Decide(ArbatFoods);

        Assert.Equal(0, decision.PolicyVersion);
        Assert.Equal(["3001"], decision.Targets);
    }

    [Fact]
    public async Task LoadAsync_StoreBackAfterOutage_SeedsVersionOne()
    {
        using var bed = await AcdTestBed.StartAsync(loadPolicy: false);
        bed.Store.Down = true;
        await bed.Policies.LoadAsync(CancellationToken.None);
        bed.Store.Down = false;

        var loaded = await bed.Policies.LoadAsync(CancellationToken.None);

        Assert.True(loaded);
        Assert.Equal(1, bed.Policies.Current.Version);
        Assert.Single(bed.Store.Versions);
    }

    [Fact]
    public async Task LoadAsync_NoFileEmptyStore_BuiltInDefaultWithTheCrmsOperators()
    {
        using var bed = await AcdTestBed.StartAsync(loadPolicy: false, configure: o => o.PolicyFile = null);

        await bed.Policies.LoadAsync(CancellationToken.None);
        var decision = bed.Decide(CornerShop);

        Assert.Equal(("built-in default", 1), (bed.Policies.Current.Source, bed.Policies.Current.Version));
        Assert.Equal(["1001", "1002", "1003"], decision.Targets);
    }
}
