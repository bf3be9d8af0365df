using System.ComponentModel.DataAnnotations;

namespace ContactCenter.Sip.UserAgents.Outbound;

/// <summary>
/// One registration of ours at a carrier (section <c>Sip:Registrations:N</c>): most SIP carriers deliver a company's
/// numbers to wherever its account is registered, and challenge the REGISTER with digest (RFC 3261 §10.2, §22).
/// </summary>
public sealed class OutboundRegistrationOptions
{
    /// <summary>A name for logs, metrics and the console (e.g. the carrier's).</summary>
    [Required]
    public string Name { get; set; } = "";

    /// <summary>The registrar's IP address.</summary>
    [Required]
    public string Address { get; set; } = "";

    /// <summary>The registrar's port (5060; 5061 over TLS).</summary>
    [Range(1, 65_535)]
    public int Port { get; set; } = 5060;

    /// <summary><c>udp</c>, <c>tcp</c> or <c>tls</c>.</summary>
    [RegularExpression("^(?i)(udp|tcp|tls)$")]
    public string Transport { get; set; } = "udp";

    /// <summary>The carrier's SIP domain (the Request-URI and the address-of-record's host); defaults to the address.</summary>
    public string? Domain { get; set; }

    /// <summary>The account: the user part of the address-of-record.</summary>
    [Required]
    public string User { get; set; } = "";

    /// <summary>The digest user name when it differs from <see cref="User"/>.</summary>
    public string? AuthUser { get; set; }

    /// <summary>The digest password (a secret: configure it outside git, e.g. an environment variable).</summary>
    public string Password { get; set; } = "";

    /// <summary>The registration lifetime we ask for; we refresh well before the lifetime granted runs out.</summary>
    [Range(60, 86_400)]
    public int Expires { get; set; } = 3600;

    /// <summary>The user part of our Contact (what the carrier's INVITEs will carry in the Request-URI).</summary>
    public string? ContactUser { get; set; }

    /// <summary>The first wait after a failure; it doubles each time up to <see cref="MaxRetryDelay"/>.</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The longest wait between attempts after failures.</summary>
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromMinutes(30);
}
