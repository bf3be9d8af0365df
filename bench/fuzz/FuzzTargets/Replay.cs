namespace FuzzTargets;

/// <summary>Runs saved inputs (crashes, corpora) through a target in-process and reports the ones that throw.</summary>
internal static class Replay
{
    public static int Run(FuzzTarget target, IEnumerable<string> paths)
    {
        int files = 0, failures = 0;
        foreach (var path in paths.SelectMany(p => Directory.Exists(p) ? Directory.EnumerateFiles(p, "*", SearchOption.AllDirectories) : [p]).Order(StringComparer.Ordinal))
        {
            if (Path.GetFileName(path) == "README.txt")
            {
                continue;
            }

            files++;
            try
            {
                target(File.ReadAllBytes(path));
            }
#pragma warning disable CA1031 // a replay reports every failure and goes on
            catch (Exception e)
#pragma warning restore CA1031
            {
                failures++;
                Console.WriteLine($"{path}: {e.GetType().Name}: {e.Message}");
                Console.WriteLine(e.StackTrace);
            }
        }

        Console.WriteLine($"{files} inputs, {failures} threw");
        return failures == 0 ? 0 : 1;
    }
}
