using ContactCenter.Media.Relay;
using ContactCenter.TestKit;

namespace ContactCenter.Media.Tests;

/// <summary>The media project's folders depend on each other one way (issue #14): the relay uses ports, RTP and DTMF, never the reverse.</summary>
public sealed class ArchitectureTests
{
    private const string Root = "ContactCenter.Media";

    private static readonly AssemblyDependencies Media = AssemblyDependencies.Of(typeof(MediaRelay).Assembly);

    [Fact]
    public void MediaFolders_DependencyGraph_HasNoCycle()
    {
        var cycle = Media.DescribeFolderCycle(Root);

        Assert.Null(cycle);
    }

    [Fact]
    public void MediaFolders_PortsAndDtmf_DoNotUseTheRelay()
    {
        var graph = Media.FolderGraph(Root);

        Assert.Contains("Ports", graph["Relay"]);
        Assert.DoesNotContain("Relay", graph["Ports"]);
        Assert.DoesNotContain("Relay", graph["Dtmf"]);
    }
}
