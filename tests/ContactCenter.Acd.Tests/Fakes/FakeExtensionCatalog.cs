using ContactCenter.Acd.Policy;

namespace ContactCenter.Acd.Tests.Fakes;

/// <summary>The configured softphones: the demo extensions.</summary>
internal sealed class FakeExtensionCatalog(IEnumerable<string> extensions) : IExtensionCatalog
{
    private readonly HashSet<string> _extensions = new(extensions, StringComparer.Ordinal);

    public IReadOnlySet<string> GetExtensions() => _extensions;
}
