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
        var separator = Path.DirectorySeparatorChar;
        var over = Directory.EnumerateFiles(root, "*.cs", SearchOption.AllDirectories)
            .Where(path => !path.Contains($"{separator}obj{separator}", StringComparison.Ordinal)
                && !path.Contains($"{separator}bin{separator}", StringComparison.Ordinal)
                && !path.Contains($"{separator}Migrations{separator}", StringComparison.Ordinal)
                && !path.EndsWith(".Designer.cs", StringComparison.Ordinal))
            .Select(path => (Path: Path.GetRelativePath(RepositoryPaths.Root, path), Lines: File.ReadLines(path).Count()))
            .Where(file => file.Lines > MaxLines)
            .Select(file => $"{file.Path}: {file.Lines} lines")
            .ToList();

        Assert.True(over.Count == 0, "over " + MaxLines + " lines: " + string.Join("; ", over));
    }
}
