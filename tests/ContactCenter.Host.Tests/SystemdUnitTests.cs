using ContactCenter.TestKit;

namespace ContactCenter.Host.Tests;

/// <summary>The production unit files in deploy/systemd: valid for systemd, and saying what the supervision promises.</summary>
public sealed class SystemdUnitTests
{
    private static readonly string Folder = Path.Combine(RepositoryPaths.Root, "deploy", "systemd");

    [Fact]
    public async Task UnitFiles_SystemdAnalyzeVerify_NoComplaint()
    {
        // verify also checks that ExecStart's program exists: point it at the dotnet running this test (CI may keep it elsewhere).
        var work = BackgroundProcess.NewFolder("cc-units-");
        try
        {
            var units = new List<string>();
            foreach (var name in new[] { "contactcenter.service", "contactcenter-crm.service" })
            {
                var text = await File.ReadAllTextAsync(Path.Combine(Folder, name));
                units.Add(Path.Combine(work, name));
                await File.WriteAllTextAsync(units[^1], text.Replace("/usr/bin/dotnet ", Environment.ProcessPath + " ", StringComparison.Ordinal));
            }

            var (exitCode, output) = await ProcessRunner.TryRunAsync("systemd-analyze", ["verify", .. units], TimeSpan.FromSeconds(60), work);

            Assert.True(exitCode == 0 && output.Trim().Length == 0, output);
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }

    [Fact]
    public async Task HostUnit_RestartsAlwaysWithWatchdogAndStopsAfterTheDrain()
    {
        var unit = await File.ReadAllLinesAsync(Path.Combine(Folder, "contactcenter.service"));
        string Value(string key) => unit.Single(l => l.StartsWith(key + "=", StringComparison.Ordinal))[(key.Length + 1)..];

        var drain = TimeSpan.Parse(unit.Single(l => l.StartsWith("Environment=Drain__Timeout=", StringComparison.Ordinal)).Split('=')[2],
            System.Globalization.CultureInfo.InvariantCulture);

        Assert.Equal(("always", "notify"), (Value("Restart"), Value("Type")));
        Assert.True(int.Parse(Value("WatchdogSec"), System.Globalization.CultureInfo.InvariantCulture) > 0);
        // systemd must not kill the host before the drain and the engine's own shutdown (30 s more) are over.
        Assert.True(int.Parse(Value("TimeoutStopSec"), System.Globalization.CultureInfo.InvariantCulture) > drain.TotalSeconds + 30);
    }
}
