using System.ComponentModel.DataAnnotations;
using ContactCenter.CallEngine.Configuration;

namespace ContactCenter.Host.Configuration;

/// <summary>
/// The call-handling side of <c>sip-config/sip.json</c> (section <c>Sip</c>). Listener and registrar
/// settings in the same file bind to the SIP layers' own options (<c>Sip:Transport</c>, <c>Sip:Registrar</c>).
/// </summary>
public sealed class SipSettings
{
    /// <summary>Configuration section.</summary>
    public const string Section = "Sip";

    /// <summary>Agents' extensions by number.</summary>
    public Dictionary<string, SipExtensionSettings> Extensions { get; set; } = [];

    /// <summary>The carrier side.</summary>
    public TrunkOptions? Trunk { get; set; }

    /// <summary>Numbers callers dial, by number.</summary>
    public Dictionary<string, ServiceNumberOptions> ServiceNumbers { get; set; } = [];

    /// <summary>Media ports.</summary>
    [Required]
    public RtpSettings Rtp { get; set; } = new();

    /// <summary>Announcement files.</summary>
    public AnnouncementOptions Announcements { get; set; } = new();
}

/// <summary>One agent extension.</summary>
public sealed class SipExtensionSettings
{
    /// <summary>Name shown on the phones this extension calls.</summary>
    public string? DisplayName { get; set; }

    /// <summary>Plain password (demo installations only); the service keeps only its digest hashes.</summary>
    public string? Password { get; set; }

    /// <summary>MD5 HA1 = MD5(extension:realm:password), for installations that do not keep passwords.</summary>
    public string? Ha1Md5 { get; set; }

    /// <summary>SHA-256 HA1 (RFC 7616/8760).</summary>
    public string? Ha1Sha256 { get; set; }

    /// <summary>
    /// A remote agent: the extension registers and calls over TLS only (403 otherwise) and its calls' media is SRTP
    /// (RTP/SAVP with SDES keys; a plain offer gets 488). The other party of its calls may stay plain RTP.
    /// </summary>
    public bool RequireTlsAndSrtp { get; set; }
}

/// <summary>RTP port range the media relay allocates from.</summary>
public sealed class RtpSettings
{
    /// <summary>Lowest port (even).</summary>
    [Range(1_024, 65_534, ErrorMessage = "Sip:Rtp:PortMin must be from 1024 to 65534.")]
    public int PortMin { get; set; } = 20_000;

    /// <summary>Highest port.</summary>
    [Range(1_025, 65_535, ErrorMessage = "Sip:Rtp:PortMax must be from 1025 to 65535.")]
    public int PortMax { get; set; } = 20_999;
}
