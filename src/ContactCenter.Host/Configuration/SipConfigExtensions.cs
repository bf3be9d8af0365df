namespace ContactCenter.Host.Configuration;

/// <summary>Adds sip-config/sip.json to the configuration.</summary>
public static class SipConfigExtensions
{
    /// <summary>The file beside sip.json that holds generated SIP credentials (HA1 hashes only).</summary>
    public const string SecretsFileName = "sip.secrets.json";

    /// <summary>
    /// Loads <c>sip.json</c> (and, over it, <c>sip.secrets.json</c> when present) from the folder named by <c>SipConfig:Directory</c> (default: the first
    /// <c>sip-config</c> folder found from the working directory upwards). Environment variables and
    /// the command line still override it.
    /// </summary>
    public static IConfigurationBuilder AddSipConfig(this ConfigurationManager configuration, IHostEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var directory = configuration["SipConfig:Directory"] ?? FindUp(environment.ContentRootPath, "sip-config") ?? FindUp(AppContext.BaseDirectory, "sip-config");
        if (directory is null || !File.Exists(Path.Combine(directory, "sip.json")))
        {
            throw new StartupFailureException("SipConfig:Directory", $"no sip.json found in '{directory ?? "sip-config"}': point SipConfig:Directory at the sip-config folder.");
        }

        configuration["SipConfig:Directory"] = Path.GetFullPath(directory);
        var sources = configuration.Sources.ToList();
        // Insert below environment variables and command line so that they keep precedence.
        var index = sources.FindIndex(s => s is Microsoft.Extensions.Configuration.EnvironmentVariables.EnvironmentVariablesConfigurationSource);
        var json = new Microsoft.Extensions.Configuration.Json.JsonConfigurationSource
        {
            Path = Path.Combine(Path.GetFullPath(directory), "sip.json"), Optional = false, ReloadOnChange = true,
        };
        json.ResolveFileProvider();
        // sip.secrets.json (written by `secrets generate`, never in git) overrides sip.json's demo passwords with HA1 hashes.
        var secrets = new Microsoft.Extensions.Configuration.Json.JsonConfigurationSource
        {
            Path = Path.Combine(Path.GetFullPath(directory), SecretsFileName), Optional = true, ReloadOnChange = false,
        };
        secrets.ResolveFileProvider();
        if (index < 0)
        {
            configuration.Sources.Add(json);
            configuration.Sources.Add(secrets);
        }
        else
        {
            configuration.Sources.Insert(index, json);
            configuration.Sources.Insert(index + 1, secrets);
        }

        return configuration;
    }

    private static string? FindUp(string start, string name)
    {
        for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, name);
            if (Directory.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }
}
