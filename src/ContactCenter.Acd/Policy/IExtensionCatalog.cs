namespace ContactCenter.Acd.Policy;

/// <summary>The extensions that exist (the host plugs in the configured softphones), for policy validation.</summary>
public interface IExtensionCatalog
{
    /// <summary>Every configured extension.</summary>
    IReadOnlySet<string> GetExtensions();
}
