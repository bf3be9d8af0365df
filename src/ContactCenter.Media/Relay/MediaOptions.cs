using System.ComponentModel.DataAnnotations;
using System.Net;
using ContactCenter.Media.Ports;

namespace ContactCenter.Media.Relay;

/// <summary>The media relay's ports, address and timeouts (section <c>Sip:Rtp</c>).</summary>
public sealed class MediaOptions : IValidatableObject
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Sip:Rtp";

    /// <summary>The lowest RTP port; RTP ports are even, RTCP is the RTP port + 1 (RFC 3550 §11).</summary>
    [Range(1_024, 65_534)]
    public int PortMin { get; init; } = 20_000;

    /// <summary>The highest port either RTP or RTCP may use.</summary>
    [Range(1_025, 65_535)]
    public int PortMax { get; init; } = 29_999;

    /// <summary>The IP address media sockets bind to and that is advertised in SDP.</summary>
    [Required]
    public string ListenAddress { get; init; } = "127.0.0.1";

    /// <summary>
    /// The address peers send media to when the relay sits behind NAT (a public address forwarded to
    /// <see cref="ListenAddress"/>, same ports): our SDP's <c>c=</c> and <c>o=</c> carry it; sockets still bind to
    /// <see cref="ListenAddress"/>. Null: the listen address.
    /// </summary>
    public string? PublicAddress { get; init; }

    /// <summary>A bridge with no RTP from either leg for this long reports silence (the engine ends the call).</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan SilenceTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// How long the latched source must have been quiet before RTP from another address may take over
    /// (a phone that moved behind NAT); shorter gaps are treated as stray or spoofed packets and dropped.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:10:00")]
    public TimeSpan RelatchGap { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// Whether a leg latches only to RTP from a known IP address: the one in the peer's SDP and those the engine adds
    /// (the SIP signalling source of a phone behind NAT). Off, any address may latch an unlatched leg and take over
    /// after <see cref="RelatchGap"/> of silence, so whoever sprays the port range hears and injects audio ("RTP bleed").
    /// </summary>
    public bool LatchKnownAddressesOnly { get; init; } = true;

    /// <summary>Whether each endpoint measures RFC 3550 §6.4.1 inter-arrival jitter of what it receives.</summary>
    public bool MeasureJitter { get; init; } = true;

    /// <summary>Nominal time between our RTCP reports to each leg (RFC 3550 §6.2: 5 s minimum for a session this size); zero sends none.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:01:00")]
    public TimeSpan RtcpInterval { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// How many port pairs the relay keeps bound and receiving after their leg ended, for the next legs (zero: each leg's
    /// sockets are closed with it). A new socket, bind and receive loop per leg cost a tenth of the host's CPU at 1,000
    /// calls/s. Each pair holds two file descriptors.
    /// </summary>
    [Range(0, 32_768)]
    public int WarmPortPairs { get; init; } = 1_024;

    /// <summary>
    /// How long a pair rests after its leg ended before another leg gets it (late packets of the old call are dropped
    /// meanwhile); a new pair is bound instead while none has rested this long, unless the range is used up.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:10:00")]
    public TimeSpan WarmPortRest { get; init; } = TimeSpan.FromMilliseconds(250);

    /// <summary>The address <see cref="ListenAddress"/> names.</summary>
    public IPAddress ListenIPAddress => IPAddress.Parse(ListenAddress);

    /// <summary>The address and ports the relay's RTP port allocator hands out.</summary>
    public RtpPortRange PortRange => new(ListenIPAddress, PortMin, PortMax);

    /// <inheritdoc/>
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (RtcpInterval > TimeSpan.Zero && RtcpInterval < TimeSpan.FromSeconds(1))
        {
            yield return new ValidationResult($"{Section}:{nameof(RtcpInterval)} must be 0 (no reports) or at least 00:00:01 (RFC 3550 §6.2 suggests 5 s).", [nameof(RtcpInterval)]);
        }

        if (!IPAddress.TryParse(ListenAddress, out _))
        {
            yield return new ValidationResult($"{Section}:{nameof(ListenAddress)} must be an IP address.", [nameof(ListenAddress)]);
        }

        if (PublicAddress is not null && (!IPAddress.TryParse(PublicAddress, out var advertised) || advertised.Equals(IPAddress.Any) || advertised.Equals(IPAddress.IPv6Any)))
        {
            yield return new ValidationResult($"{Section}:{nameof(PublicAddress)} must be an IP address peers can reach.", [nameof(PublicAddress)]);
        }

        if (PortMax - PortMin < 1)
        {
            yield return new ValidationResult(
                $"{Section}: {nameof(PortMax)} must be above {nameof(PortMin)} (an RTP/RTCP pair needs two ports).",
                [nameof(PortMin), nameof(PortMax)]);
        }
    }
}
