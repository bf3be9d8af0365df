using System.Reflection;
using System.Text.RegularExpressions;
using ContactCenter.Sessions;

namespace ContactCenter.CallEngine.Tests.Architecture;

/// <summary>
/// The layering of issue #14: the session port knows no SIP, the SIP session layer knows no call engine, and the
/// call engine's remaining SIP use only shrinks (a ratchet until it reaches zero).
/// </summary>
public sealed partial class LayeringTests
{
    /// <summary>
    /// CallEngine source files that still touch ContactCenter.Sip.* (issue #14 moves their SIP work into the session
    /// layer). A file may leave this list; one joins only when split off a listed file (its SIP use is not new), and the
    /// list must name exactly the files that still do.
    /// </summary>
    private static readonly string[] StillUsingSip =
    [
        "Agents/AgentPhones.cs",
        "Calls/CallServices.cs",
        "Routing/OperatorPoolRouter.cs",
    ];

    [Fact]
    public void SessionPort_ReferencesNoSipAndNoEngine()
    {
        var referenced = typeof(ILegSessionPort).Assembly.GetReferencedAssemblies().Select(a => a.Name!).ToList();

        Assert.DoesNotContain(referenced, name => name.StartsWith("ContactCenter.", StringComparison.Ordinal) && name != "ContactCenter.Sdp");
        Assert.Contains("ContactCenter.Sdp", referenced);
    }

    [Fact]
    public void SipUserAgents_DoesNotLearnOfTheCallEngine()
    {
        var userAgents = Assembly.Load("ContactCenter.Sip.UserAgents");

        Assert.DoesNotContain(userAgents.GetReferencedAssemblies(),
            a => a.Name is "ContactCenter.CallEngine" or "ContactCenter.Acd" or "ContactCenter.Contracts");
    }

    [Fact]
    public void CallEngine_SipUse_OnlyShrinks()
    {
        var root = Path.Combine(FindRepositoryRoot(), "src", "ContactCenter.CallEngine");
        var usingSip = Directory.EnumerateFiles(root, "*.cs", SearchOption.AllDirectories)
            .Where(f => !IsBuildOutput(root, f))
            .Where(f => SipNamespace().IsMatch(File.ReadAllText(f)))
            .Select(f => Path.GetRelativePath(root, f).Replace('\\', '/'))
            .Order(StringComparer.Ordinal)
            .ToList();

        var newcomers = usingSip.Except(StillUsingSip).ToList();
        var cleaned = StillUsingSip.Except(usingSip).ToList();
        Assert.True(newcomers.Count == 0, "CallEngine files newly using ContactCenter.Sip.* (use the session port instead): " + string.Join(", ", newcomers));
        Assert.True(cleaned.Count == 0, "No longer using ContactCenter.Sip.*, take them off StillUsingSip: " + string.Join(", ", cleaned));
    }

    private static bool IsBuildOutput(string root, string file)
    {
        var relative = Path.GetRelativePath(root, file).Replace('\\', '/');
        return relative.StartsWith("obj/", StringComparison.Ordinal) || relative.StartsWith("bin/", StringComparison.Ordinal);
    }

    private static string FindRepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "ContactCenter.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("ContactCenter.sln not found above " + AppContext.BaseDirectory);
    }

    [GeneratedRegex(@"\bContactCenter\.Sip\b")]
    private static partial Regex SipNamespace();
}
