using System.Text.RegularExpressions;
using ContactCenter.TestKit;

namespace ContactCenter.Interop.Tests;

/// <summary>
/// A temp copy of the repository's <c>sip-config</c> folder with <c>Sip:Registrar:Algorithms</c> replaced,
/// for hosts that must challenge a certain way (baresip 1.0 needs MD5 alone). Deleted on dispose.
/// </summary>
/// <remarks>
/// Command-line keys can change list items but cannot remove one, so the list is rewritten in a copy of
/// <c>sip.json</c> and the host is pointed at it with <c>--SipConfig:Directory</c>.
/// </remarks>
internal sealed partial class BaresipSipConfig : IDisposable
{
    private BaresipSipConfig(string directory) => Directory = directory;

    /// <summary>The folder holding the rewritten <c>sip.json</c>.</summary>
    public string Directory { get; }

    /// <summary>The host argument that selects this folder.</summary>
    public string HostArgument => $"--SipConfig:Directory={Directory}";

    /// <summary>Copies <c>sip-config</c> and makes the registrar challenge with <paramref name="algorithms"/> in that order.</summary>
    public static BaresipSipConfig WithAlgorithms(params string[] algorithms)
    {
        var source = Path.Combine(RepositoryPaths.Root, "sip-config");
        var target = Path.Combine(Path.GetTempPath(), "cc-sipcfg-" + Guid.NewGuid().ToString("N")[..10]);
        CopyDirectory(source, target);
        var config = new BaresipSipConfig(target);
        try
        {
            var path = Path.Combine(target, "sip.json");
            var json = File.ReadAllText(path);
            if (AlgorithmsList().Count(json) != 1)
            {
                throw new InvalidOperationException($"Expected exactly one \"Algorithms\": [ ... ] list in {Path.Combine(source, "sip.json")}.");
            }

            var list = string.Join(", ", algorithms.Select(a => $"\"{a}\""));
            File.WriteAllText(path, AlgorithmsList().Replace(json, $"\"Algorithms\": [ {list} ]"));
            return config;
        }
        catch
        {
            config.Dispose();
            throw;
        }
    }

    /// <inheritdoc />
    public void Dispose() => System.IO.Directory.Delete(Directory, recursive: true);

    private static void CopyDirectory(string source, string target)
    {
        System.IO.Directory.CreateDirectory(target);
        foreach (var file in System.IO.Directory.EnumerateFiles(source))
        {
            File.Copy(file, Path.Combine(target, Path.GetFileName(file)));
        }

        foreach (var folder in System.IO.Directory.EnumerateDirectories(source))
        {
            CopyDirectory(folder, Path.Combine(target, Path.GetFileName(folder)));
        }
    }

    [GeneratedRegex("\"Algorithms\"\\s*:\\s*\\[[^\\]]*\\]")]
    private static partial Regex AlgorithmsList();
}
