namespace ContactCenter.TestKit;

/// <summary>Locates the repository and build outputs from a test assembly.</summary>
public static class RepositoryPaths
{
    /// <summary>The folder holding ContactCenter.sln.</summary>
    public static string Root { get; } = FindRoot();

    /// <summary>The build configuration the tests run in (Debug or Release), read from the test assembly's path.</summary>
    public static string Configuration { get; } =
        AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}", StringComparison.Ordinal) ? "Release" : "Debug";

    /// <summary>The built host, <c>ContactCenter.Host.dll</c>.</summary>
    public static string HostAssembly => Path.Combine(Root, "src", "ContactCenter.Host", "bin", Configuration, "net10.0", "ContactCenter.Host.dll");

    /// <summary>The built CRM service, <c>ContactCenter.Crm.Service.dll</c>.</summary>
    public static string CrmServiceAssembly => Path.Combine(Root, "src", "ContactCenter.Crm.Service", "bin", Configuration, "net10.0", "ContactCenter.Crm.Service.dll");

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
