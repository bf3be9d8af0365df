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

    /// <summary>
    /// A PKCS#12 (.pfx) or PEM certificate file: when set, <see cref="Port"/> serves HTTPS only, cookies are Secure and
    /// responses carry HSTS. Empty: plain HTTP (loopback, the demo, or behind a reverse proxy that terminates TLS).
    /// </summary>
    public string? CertificatePath { get; set; }

    /// <summary>Password of <see cref="CertificatePath"/> (.pfx), or the PEM key file's path; give it through the environment, never in git.</summary>
    public string? CertificatePassword { get; set; }

    /// <summary>
    /// Addresses of reverse proxies whose X-Forwarded-For and X-Forwarded-Proto headers are believed (e.g. ["127.0.0.1"]
    /// for nginx on the same machine). Empty (the default): those headers are ignored, so nobody can claim another
    /// client address or HTTPS by sending them. Naming a proxy also makes cookies Secure and turns HSTS on.
    /// </summary>
    public List<string> TrustedProxies { get; set; } = [];

    /// <summary>True when the browser reaches the service over HTTPS (own certificate or a trusted TLS-terminating proxy).</summary>
    public bool ServesHttps => !string.IsNullOrWhiteSpace(CertificatePath) || TrustedProxies.Count > 0;
}
