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

    /// <summary>
    /// Whether browser legs prefer Opus (transcoded to and from the call's G.711 by the bridge) over G.711. Off by default:
    /// a browser that offers or accepts PCMU/PCMA (Chromium and Firefox do) gets G.711, which the bridge passes through
    /// with only SRTP's work; Opus stays for browsers that take nothing else. On: Opus first, G.711 as the fallback.
    /// </summary>
    public bool PreferOpus { get; init; }

    /// <summary>
    /// How many browser legs' DTLS handshakes may run at once: each holds a dedicated thread (BouncyCastle's DTLS is
    /// blocking) for its duration, well under a second with a browser; a leg whose handshake would exceed it fails.
    /// </summary>
    [Range(1, 10_000)]
    public int DtlsHandshakeLimit { get; init; } = 64;

    /// <summary>How long one DTLS handshake may take before its peer is dropped (its leg fails, its ports are returned).</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:01:00")]
    public TimeSpan DtlsHandshakeTimeout { get; init; } = TimeSpan.FromSeconds(15);
}
