using ContactCenter.Media.Codecs;

namespace ContactCenter.Media.Relay;

/// <summary>
/// What one leg negotiated in SDP, as the call engine gives it to the relay: the G.711 payload type and law,
/// and the telephone-event (RFC 4733) payload type if any. Payload types are per leg: the same call may use
/// PCMU as 0 on one leg and PCMA as 8 on the other, telephone-event 101 on one and 96 on the other.
/// </summary>
/// <param name="AudioPayloadType">The audio payload type (0 for PCMU, 8 for PCMA unless remapped).</param>
/// <param name="Law">The audio codec.</param>
/// <param name="TelephoneEventPayloadType">The telephone-event payload type, or null if not negotiated.</param>
public sealed record MediaLegFormat(byte AudioPayloadType, G711Law Law, byte? TelephoneEventPayloadType = null)
{
    /// <summary>PCMU as payload type 0 with telephone-event 101.</summary>
    public static MediaLegFormat Pcmu { get; } = new(0, G711Law.Pcmu, 101);

    /// <summary>PCMA as payload type 8 with telephone-event 101.</summary>
    public static MediaLegFormat Pcma { get; } = new(8, G711Law.Pcma, 101);

    /// <summary>Whether RTP with <paramref name="payloadType"/> belongs to this leg's negotiated formats.</summary>
    public bool Accepts(byte payloadType) => payloadType == AudioPayloadType || payloadType == TelephoneEventPayloadType;
}
