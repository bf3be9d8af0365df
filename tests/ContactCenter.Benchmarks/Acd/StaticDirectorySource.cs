using ContactCenter.Acd.Directory;
using ContactCenter.Acd.Policy;

namespace ContactCenter.Benchmarks.Acd;

/// <summary>Serves one prepared directory, and its staff as the configured extensions.</summary>
internal sealed class StaticDirectorySource(RoutingDirectory directory) : IRoutingDirectorySource, IExtensionCatalog
{
    private readonly HashSet<string> _extensions = [.. directory.Staff.Keys];

    public Task<RoutingDirectory> LoadAsync(CancellationToken cancellationToken) => Task.FromResult(directory);

    public IReadOnlySet<string> GetExtensions() => _extensions;
}
