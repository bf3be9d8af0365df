using ContactCenter.TestKit;

namespace ContactCenter.CallEngine.Tests.Architecture;

/// <summary>
/// Issue #14: no hand-written source file is over 500 lines (a file that grows past it holds more than one piece and is
/// split along its pieces). EF Core's migrations and designer files are generated and not counted.
/// </summary>
public sealed class FileLengthTests
{
    private const int MaxLines = 500;

    [Fact]
    public void NoHandWrittenSourceFile_IsOver500Lines()
    {
        var root = Path.Combine(RepositoryPaths.Root, "src");
        string[] generated = ["obj", "bin", "Migrations"];
        var files = Directory.EnumerateFiles(root, "*.cs", SearchOption.AllDirectories)
            .Select(path => Path.GetRelativePath(root, path)) // folders above the checkout do not count
            .Where(path => !path.Split(Path.DirectorySeparatorChar).Intersect(generated).Any() && !path.EndsWith(".Designer.cs", StringComparison.Ordinal))
            .ToList();
        var over = files.Select(path => (Path: path, Lines: File.ReadLines(Path.Combine(root, path)).Count()))
            .Where(file => file.Lines > MaxLines)
            .Select(file => $"{file.Path}: {file.Lines} lines")
            .ToList();

        Assert.Contains(Path.Combine("ContactCenter.CallEngine", "Calls", "Call.cs"), files); // the scan saw the sources
        Assert.True(over.Count == 0, "over " + MaxLines + " lines: " + string.Join("; ", over));
    }
}
