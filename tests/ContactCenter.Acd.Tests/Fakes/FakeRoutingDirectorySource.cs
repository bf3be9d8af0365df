using ContactCenter.Acd.Directory;

namespace ContactCenter.Acd.Tests.Fakes;

/// <summary>Feeds the cache the snapshot a test sets, or fails as the CRM database would.</summary>
internal sealed class FakeRoutingDirectorySource(RoutingDirectory? directory) : IRoutingDirectorySource
{
    public RoutingDirectory? Directory { get; set; } = directory;

    public Task<RoutingDirectory> LoadAsync(CancellationToken cancellationToken) =>
        Directory is { } directory ? Task.FromResult(directory) : throw new InvalidOperationException("CRM database unavailable");
}
