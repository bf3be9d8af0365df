namespace ContactCenter.Sdp.OfferAnswer;

/// <summary>An RTP audio format we can send and receive, or one agreed with a peer.</summary>
/// <param name="Name">The encoding name as in <c>rtpmap</c> (<c>PCMU</c>, <c>telephone-event</c>); compared case-insensitively.</param>
/// <param name="ClockRate">The RTP clock rate in Hz.</param>
/// <param name="PayloadType">The payload type number: ours when offering, the offerer's after negotiation.</param>
public sealed record SdpCodec(string Name, int ClockRate, int PayloadType)
{
    /// <summary>The encoding name of RFC 4733 events.</summary>
    public const string TelephoneEventName = "telephone-event";

    /// <summary>The channel count, when not 1.</summary>
    public int? Channels { get; init; }

    /// <summary>Format parameters (<c>a=fmtp</c>), e.g. <c>0-16</c> for DTMF events.</summary>
    public string? Fmtp { get; init; }

    /// <summary>G.711 mu-law, static payload type 0 (RFC 3551 §6).</summary>
    public static SdpCodec Pcmu { get; } = new("PCMU", 8000, 0);

    /// <summary>G.711 A-law, static payload type 8 (RFC 3551 §6).</summary>
    public static SdpCodec Pcma { get; } = new("PCMA", 8000, 8);

    /// <summary>
    /// Opus as WebRTC offers it (RFC 7587 §7: always <c>opus/48000/2</c>), on the dynamic payload type 111 that browsers use;
    /// <c>maxplaybackrate=8000</c> and <c>sprop-maxcapturerate=8000</c> (RFC 7587 §6.1) ask for narrowband: the other leg is
    /// G.711 at 8 kHz, and a narrowband stream decodes without resampling.
    /// </summary>
    public static SdpCodec Opus { get; } = new("opus", 48_000, 111) { Channels = 2, Fmtp = "minptime=10;useinbandfec=1;maxplaybackrate=8000;sprop-maxcapturerate=8000" };

    /// <summary>Whether this is the RFC 4733 telephone-event format rather than a voice codec.</summary>
    public bool IsTelephoneEvent => string.Equals(Name, TelephoneEventName, StringComparison.OrdinalIgnoreCase);

    /// <summary>RFC 4733 DTMF events 0-16 on a dynamic payload type (conventionally 101).</summary>
    public static SdpCodec TelephoneEvent(int payloadType = 101) =>
        new(TelephoneEventName, 8000, payloadType) { Fmtp = "0-16" };

    /// <summary>Whether <paramref name="other"/> is the same format: name, clock rate and channel count (RFC 3264 §6.1).</summary>
    public bool IsSameFormat(SdpCodec other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return string.Equals(Name, other.Name, StringComparison.OrdinalIgnoreCase) && ClockRate == other.ClockRate &&
               (Channels ?? 1) == (other.Channels ?? 1);
    }

    /// <summary>The <c>rtpmap</c> for this codec.</summary>
    public SdpRtpMap ToRtpMap() => new(PayloadType, Name, ClockRate, Channels);
}
