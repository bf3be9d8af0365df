using ContactCenter.Media.Codecs;

namespace ContactCenter.Media.Relay;

/// <summary>
/// What one leg negotiated in SDP, as the call engine gives it to the relay: the G.711 payload type and law,
/// and the telephone-event (RFC 4733) payload type if any. Payload types are per leg: the same call may use
/// PCMU as 0 on one leg and PCMA as 8 on the other, telephone-event 101 on one and 96 on the other.
/// While an offer of ours is outstanding (<see cref="PendingOffer"/>) the leg may already send any audio format the
/// offer listed (RFC 3264 §5.1: the offerer must be ready to receive what it offered), e.g. PCMA before the ACK that
/// answers a late offer arrives; those packets are accepted and decoded by their own payload type.
/// </summary>
/// <param name="AudioPayloadType">The audio payload type (0 for PCMU, 8 for PCMA unless remapped); what we send.</param>
/// <param name="Law">The audio codec.</param>
/// <param name="TelephoneEventPayloadType">The telephone-event payload type, or null if not negotiated.</param>
public sealed record MediaLegFormat(byte AudioPayloadType, G711Law Law, byte? TelephoneEventPayloadType = null)
{
    private readonly MediaAudioPayload[] _pendingOffer = [];

    /// <summary>PCMU as payload type 0 with telephone-event 101.</summary>
    public static MediaLegFormat Pcmu { get; } = new(0, G711Law.Pcmu, 101);

    /// <summary>PCMA as payload type 8 with telephone-event 101.</summary>
    public static MediaLegFormat Pcma { get; } = new(8, G711Law.Pcma, 101);

    /// <summary>
    /// The G.711 payload types of our offer still waiting for its answer (empty once an answer was applied); each is
    /// accepted from the leg besides <see cref="AudioPayloadType"/>.
    /// </summary>
    public IReadOnlyList<MediaAudioPayload> PendingOffer
    {
        get => _pendingOffer;
        init => _pendingOffer = [.. value ?? throw new ArgumentNullException(nameof(value))];
    }

    /// <summary>Whether RTP with <paramref name="payloadType"/> belongs to this leg's negotiated (or still offered) formats.</summary>
    public bool Accepts(byte payloadType) => payloadType == TelephoneEventPayloadType || TryGetAudioLaw(payloadType, out _);

    /// <summary>The law of audio arriving as <paramref name="payloadType"/>: the agreed one, or one our pending offer listed.</summary>
    public bool TryGetAudioLaw(byte payloadType, out G711Law law)
    {
        if (payloadType == AudioPayloadType)
        {
            law = Law;
            return true;
        }

        foreach (MediaAudioPayload offered in _pendingOffer)
        {
            if (offered.PayloadType == payloadType)
            {
                law = offered.Law;
                return true;
            }
        }

        law = default;
        return false;
    }

    /// <inheritdoc/>
    public bool Equals(MediaLegFormat? other) =>
        other is not null
        && AudioPayloadType == other.AudioPayloadType
        && Law == other.Law
        && TelephoneEventPayloadType == other.TelephoneEventPayloadType
        && _pendingOffer.AsSpan().SequenceEqual(other._pendingOffer);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(AudioPayloadType, Law, TelephoneEventPayloadType, _pendingOffer.Length);
}

/// <summary>One G.711 audio format of an SDP offer: its payload type and law.</summary>
/// <param name="PayloadType">The RTP payload type.</param>
/// <param name="Law">The codec.</param>
public readonly record struct MediaAudioPayload(byte PayloadType, G711Law Law);
