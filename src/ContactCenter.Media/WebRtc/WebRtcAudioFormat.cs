using ContactCenter.Media.Codecs;

namespace ContactCenter.Media.WebRtc;

/// <summary>What a browser leg agreed in its WebRTC SDP: Opus (48 kHz RTP clock) or G.711, and telephone-events (RFC 4733).</summary>
/// <param name="PayloadType">The audio payload type.</param>
/// <param name="IsOpus">True for Opus (RFC 7587), false for G.711 in <paramref name="Law"/>.</param>
/// <param name="Law">The G.711 law when not Opus (ignored for Opus).</param>
/// <param name="EventPayloadType">The telephone-event payload type, or null when none was agreed.</param>
/// <param name="EventClockRate">The telephone-event clock (8 000 or 48 000 Hz): event durations are counted in it.</param>
public sealed record WebRtcAudioFormat(byte PayloadType, bool IsOpus, G711Law Law, byte? EventPayloadType, int EventClockRate)
{
    /// <summary>The audio's RTP clock: 48 kHz for Opus, 8 kHz for G.711.</summary>
    public int ClockRate => IsOpus ? 48_000 : G711.SampleRate;
}
