using System.ComponentModel.DataAnnotations;

namespace ContactCenter.Host.BrowserPhone;

/// <summary>The desk's browser phone: SIP over WebSocket on the HTTP listener and the short-lived SIP credential (<c>BrowserPhone</c>).</summary>
public sealed class BrowserPhoneOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "BrowserPhone";

    /// <summary>Whether the WebSocket endpoint and the credential endpoint are mapped.</summary>
    public bool Enabled { get; init; } = true;

    /// <summary>The path of the SIP-over-WebSocket endpoint (subprotocol <c>sip</c>, RFC 7118).</summary>
    [Required]
    [RegularExpression("^/[A-Za-z0-9/_-]*$")]
    public string Path { get; init; } = "/sip/ws";

    /// <summary>
    /// How long one browser password is valid: passwords are HMAC-derived per extension and period, and change at every
    /// period's end (the desk fetches the next one then).
    /// </summary>
    [Range(typeof(TimeSpan), "00:01:00", "01:00:00")]
    public TimeSpan CredentialLifetime { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>How many credentials one user may fetch per minute (more get 429).</summary>
    [Range(1, 600)]
    public int CredentialsPerMinute { get; init; } = 12;

    /// <summary>The registration lifetime the desk asks for (seconds); it refreshes before it lapses.</summary>
    [Range(60, 3_600)]
    public int RegisterExpiresSeconds { get; init; } = 300;
}
