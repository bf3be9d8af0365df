using System.ComponentModel.DataAnnotations;

namespace ContactCenter.Host.Configuration;

/// <summary>Where the web desktops and the API listen.</summary>
public sealed class HttpSettings
{
    /// <summary>Configuration section.</summary>
    public const string Section = "Http";

    /// <summary>IP address to bind; 127.0.0.1 by default (use 0.0.0.0 to serve other machines).</summary>
    [Required]
    public string Address { get; set; } = "127.0.0.1";

    /// <summary>TCP port; 8080 by default.</summary>
    [Range(1, 65_535, ErrorMessage = "Http:Port must be a TCP port from 1 to 65535.")]
    public int Port { get; set; } = 8080;
}
