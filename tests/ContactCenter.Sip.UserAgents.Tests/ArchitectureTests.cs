using ContactCenter.Sip.UserAgents.Registration;
using ContactCenter.TestKit;

namespace ContactCenter.Sip.UserAgents.Tests;

/// <summary>
/// The user agents' folders depend on each other one way (issue #14): the registrar uses digest authentication, which
/// knows nothing of registration (their shared settings, <see cref="RegistrarOptions"/>, sit in the project's root).
/// </summary>
public sealed class ArchitectureTests
{
    private const string Root = "ContactCenter.Sip.UserAgents";

    private static readonly AssemblyDependencies UserAgents = AssemblyDependencies.Of(typeof(Registrar).Assembly);

    [Fact]
    public void UserAgentFolders_DependencyGraph_HasNoCycle()
    {
        var cycle = UserAgents.DescribeFolderCycle(Root);

        Assert.Null(cycle);
    }

    [Fact]
    public void UserAgentFolders_Authentication_DoesNotUseRegistration()
    {
        var graph = UserAgents.FolderGraph(Root);

        Assert.Contains("Authentication", graph["Registration"]);
        Assert.DoesNotContain("Registration", graph["Authentication"]);
    }
}
