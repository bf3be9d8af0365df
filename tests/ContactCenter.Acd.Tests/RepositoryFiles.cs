namespace ContactCenter.Acd.Tests;

/// <summary>Files of the repository the tests read as shipped.</summary>
internal static class RepositoryFiles
{
    /// <summary>sip-config/routing.json, the policy loaded at first start.</summary>
    public static string RoutingJson { get; } = Path.Combine(FindRoot(), "sip-config", "routing.json");

    private static string FindRoot()
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
}
