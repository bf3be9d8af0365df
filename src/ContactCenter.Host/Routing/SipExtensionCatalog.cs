using ContactCenter.Acd.Policy;
using ContactCenter.Host.Configuration;
using Microsoft.Extensions.Options;

namespace ContactCenter.Host.Routing;

/// <summary>The configured softphone extensions (Sip:Extensions), for routing policy validation.</summary>
public sealed class SipExtensionCatalog(IOptionsMonitor<SipSettings> settings) : IExtensionCatalog
{
    /// <inheritdoc />
    public IReadOnlySet<string> GetExtensions() => settings.CurrentValue.Extensions.Keys.ToHashSet(StringComparer.Ordinal);
}
