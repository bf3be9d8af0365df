using System.ComponentModel.DataAnnotations;

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
    public SipTrunkSettings? Trunk { get; set; }

    /// <summary>Numbers callers dial, by number.</summary>
    public Dictionary<string, ServiceNumberSettings> ServiceNumbers { get; set; } = [];

    /// <summary>Media ports.</summary>
    [Required]
    public RtpSettings Rtp { get; set; } = new();

    /// <summary>Announcement files.</summary>
    public AnnouncementSettings Announcements { get; set; } = new();
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
}

/// <summary>The carrier trunk: inbound calls come from it, outbound calls go to it.</summary>
public sealed class SipTrunkSettings
{
    /// <summary>Carrier address.</summary>
    [Required]
    public string Address { get; set; } = "127.0.0.1";

    /// <summary>Carrier port.</summary>
    [Range(1, 65_535, ErrorMessage = "Sip:Trunk:Port must be a port from 1 to 65535.")]
    public int Port { get; set; } = 5090;

    /// <summary>The company's caller ID on outbound calls (E.164).</summary>
    public string? CallerId { get; set; }

    /// <summary>Regular expressions (on E.164) for numbers agents may dial out to.</summary>
    public List<string> AllowedDestinations { get; set; } = [];
}

/// <summary>What happens when a service number is dialled.</summary>
public sealed class ServiceNumberSettings
{
    /// <summary><c>Route</c> (straight to routing) or <c>VoiceMenu</c> (menu first).</summary>
    [Required]
    public string Mode { get; set; } = "Route";

    /// <summary>Voice menu: digit to purpose (order, reference, other).</summary>
    public Dictionary<string, string> Menu { get; set; } = [];

    /// <summary>Voice menu: how long to wait for a digit.</summary>
    public TimeSpan MenuTimeout { get; set; } = TimeSpan.FromSeconds(8);

    /// <summary>Voice menu: how often to repeat the prompt before routing without a choice.</summary>
    [Range(0, 10)]
    public int MenuRepeats { get; set; } = 2;
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

/// <summary>Announcement WAV files, relative to <see cref="Directory"/>.</summary>
public sealed class AnnouncementSettings
{
    /// <summary>Folder of the files, relative to sip-config/.</summary>
    public string Directory { get; set; } = "announcements";

    /// <summary>Named files (greeting, menu, queue-position, closed, music-on-hold, ...).</summary>
    public Dictionary<string, string> Files { get; set; } = [];
}
