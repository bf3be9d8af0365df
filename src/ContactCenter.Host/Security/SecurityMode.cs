namespace ContactCenter.Host.Security;

/// <summary>
/// <c>Security:Mode</c>: <c>Production</c> (the default) refuses to start with any demo or default secret;
/// <c>Demo</c> (set by <c>deploy/demo.sh</c> and the tests) accepts them.
/// </summary>
public static class SecurityMode
{
    /// <summary>Configuration key.</summary>
    public const string Key = "Security:Mode";

    /// <summary>True unless <c>Security:Mode</c> is <c>Demo</c>; anything else than <c>Demo</c> or <c>Production</c> stops the start.</summary>
    public static bool IsProduction(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var value = configuration[Key];
        return string.IsNullOrEmpty(value) || string.Equals(value, "Production", StringComparison.OrdinalIgnoreCase)
            ? true
            : string.Equals(value, "Demo", StringComparison.OrdinalIgnoreCase)
                ? false
                : throw new Configuration.StartupFailureException(Key, $"'{value}' is neither Production nor Demo.");
    }
}
