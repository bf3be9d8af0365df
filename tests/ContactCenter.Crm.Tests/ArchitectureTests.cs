using ContactCenter.TestKit;

namespace ContactCenter.Crm.Tests;

public sealed class ArchitectureTests
{
    private const string Root = "ContactCenter.Crm";

    private static readonly AssemblyDependencies Crm = AssemblyDependencies.Of(typeof(Audit).Assembly);

    // Outside Api/ the CRM speaks in domain results (DeskResult, DeskError); only Api/ turns them into HTTP.
    private static readonly string[] HttpNamespaces =
    [
        "Microsoft.AspNetCore.Http", "Microsoft.AspNetCore.Mvc", "Microsoft.AspNetCore.Routing", "Microsoft.AspNetCore.Builder",
    ];

    [Fact]
    public void CrmFolders_DependencyGraph_HasNoCycle()
    {
        var graph = Crm.FolderGraph(Root);

        var cycle = AssemblyDependencies.FindCycle(graph);

        Assert.True(cycle is null, $"The CRM's folders depend on each other in a cycle: {string.Join(" -> ", cycle ?? [])}. Graph: "
            + string.Join("; ", graph.Select(g => $"{g.Key} -> {string.Join(",", g.Value)}")));
    }

    [Fact]
    public void CrmFolders_KnownLayers_PointOneWay()
    {
        var graph = Crm.FolderGraph(Root);

        Assert.DoesNotContain("Api", graph.Where(g => g.Key != "Api").SelectMany(g => g.Value));
        Assert.DoesNotContain("Clients", graph["Orders"]);
        Assert.DoesNotContain("Outbound", graph["Dispatch"]);
        Assert.Empty(graph["Model"]);
    }

    [Fact]
    public void CrmOutsideApi_UsesNoAspNetHttpTypes()
    {
        var offenders = Crm.UsesByNamespace
            .Where(n => n.Key != Root + ".Api" && !n.Key.StartsWith(Root + ".Api.", StringComparison.Ordinal))
            .SelectMany(n => n.Value.Where(IsHttp).Select(used => $"{n.Key} uses {used}"))
            .Order(StringComparer.Ordinal).ToList();

        Assert.Empty(offenders);
    }

    [Fact]
    public void Dependencies_ApiUsesHttpResults_TheScanSeesThem()
    {
        // The scan above must be able to fail: Api's own use of HTTP result types is visible to it.
        Assert.Contains(Crm.UsesByNamespace[Root + ".Api"], IsHttp);
        Assert.Contains("Outbox", Crm.FolderGraph(Root)["Orders"]);
    }

    private static bool IsHttp(string typeName) =>
        HttpNamespaces.Any(ns => typeName.StartsWith(ns + ".", StringComparison.Ordinal));
}
