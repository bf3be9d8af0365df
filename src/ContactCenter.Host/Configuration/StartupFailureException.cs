namespace ContactCenter.Host.Configuration;

/// <summary>A reason the service cannot start, naming the setting to fix.</summary>
public sealed class StartupFailureException(string setting, string message, Exception? inner = null)
    : Exception($"{setting}: {message}", inner)
{
    /// <summary>The configuration key at fault, e.g. <c>ConnectionStrings:Crm</c>.</summary>
    public string Setting { get; } = setting;
}
