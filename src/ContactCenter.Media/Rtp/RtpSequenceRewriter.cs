using System.Buffers.Binary;

namespace ContactCenter.Media.Rtp;

/// <summary>
/// Rewrites the RTP headers of one outgoing stream of a relay so that the receiver sees a single
/// source: our SSRC, and sequence numbers and timestamps that run on across a change of source
/// (re-bridging to another leg, music on hold, an announcement). Headers are rewritten in place.
/// One instance per outgoing stream, used only from that stream's relay loop.
/// </summary>
public sealed class RtpSequenceRewriter
{
    private readonly TimeProvider _time;
    private readonly int _clockRate;
    private readonly int _samplesPerFrame;
    private uint? _source;
    private bool _sourceChangeRequested;
    private ushort _sequenceDelta;
    private uint _timestampDelta;
    private ushort _lastSequence;
    private uint _lastTimestamp;
    private long _lastSentAt;

    /// <summary>Creates a rewriter.</summary>
    /// <param name="ssrc">Our SSRC for this stream.</param>
    /// <param name="initialSequence">The first sequence number (random, RFC 3550 §5.1).</param>
    /// <param name="initialTimestamp">The first timestamp (random, RFC 3550 §5.1).</param>
    /// <param name="clockRate">The RTP clock rate, 8000 for G.711.</param>
    /// <param name="samplesPerFrame">Timestamp units per packet, 160 for 20 ms at 8 kHz.</param>
    /// <param name="time">Measures the gap across a change of source.</param>
    public RtpSequenceRewriter(
        uint ssrc, ushort initialSequence, uint initialTimestamp, int clockRate, int samplesPerFrame, TimeProvider time)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(clockRate);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(samplesPerFrame);
        ArgumentNullException.ThrowIfNull(time);
        Ssrc = ssrc;
        _clockRate = clockRate;
        _samplesPerFrame = samplesPerFrame;
        _time = time;
        _lastSequence = (ushort)(initialSequence - 1);
        _lastTimestamp = initialTimestamp - (uint)samplesPerFrame;
    }

    /// <summary>Our SSRC for this stream.</summary>
    public uint Ssrc { get; }

    /// <summary>Makes the next packet start a new source even if its SSRC is unchanged (e.g. the bridge moved).</summary>
    public void ChangeSource() => _sourceChangeRequested = true;

    /// <summary>
    /// Rewrites SSRC, sequence number and timestamp of <paramref name="packet"/> in place; the first packet
    /// of a new source also gets the marker bit (RFC 3550 §5.1: a discontinuity in the timeline).
    /// </summary>
    /// <returns>False, leaving the packet untouched, if it is not valid RTP.</returns>
    public bool TryRewrite(Span<byte> packet) => TryRewrite(packet, out _, out _);

    /// <summary>
    /// Rewrites <paramref name="packet"/> as <see cref="TryRewrite(Span{byte})"/> does and hands back what the sender's
    /// statistics need (RTCP SR), so the packet is parsed once on the relay's hot path.
    /// </summary>
    /// <param name="packet">The packet, rewritten in place.</param>
    /// <param name="timestamp">The rewritten timestamp (in our stream).</param>
    /// <param name="payloadLength">The payload's length in octets (RFC 3550 §6.4.1: no header, no padding).</param>
    /// <returns>False, leaving the packet untouched, if it is not valid RTP.</returns>
    public bool TryRewrite(Span<byte> packet, out uint timestamp, out int payloadLength)
    {
        timestamp = 0;
        payloadLength = 0;
        if (!RtpPacket.TryParse(packet, out RtpPacket incoming))
        {
            return false;
        }

        payloadLength = incoming.Payload.Length;

        if (_source != incoming.Ssrc || _sourceChangeRequested)
        {
            StartSource(incoming);
            packet[1] |= 0x80;
        }

        ushort sequence = (ushort)(incoming.SequenceNumber + _sequenceDelta);
        timestamp = incoming.Timestamp + _timestampDelta;
        BinaryPrimitives.WriteUInt16BigEndian(packet[2..], sequence);
        BinaryPrimitives.WriteUInt32BigEndian(packet[4..], timestamp);
        BinaryPrimitives.WriteUInt32BigEndian(packet[8..], Ssrc);

        // Late (reordered) packets keep their place and do not move the high-water mark.
        if ((short)(sequence - _lastSequence) > 0)
        {
            _lastSequence = sequence;
            if (timestamp != _lastTimestamp)
            {
                // When this media instant went out first: an RFC 4733 event repeats its start timestamp in every packet
                // for its whole duration, and the next source must start that duration later, not one frame later.
                _lastTimestamp = timestamp;
                _lastSentAt = _time.GetTimestamp();
            }
        }

        return true;
    }

    private void StartSource(RtpPacket incoming)
    {
        uint gap = (uint)_samplesPerFrame;
        if (_source is not null)
        {
            // Advance the timestamp by the real time that passed, whole frames, at least one.
            double elapsedSamples = _time.GetElapsedTime(_lastSentAt).TotalSeconds * _clockRate;
            long frames = Math.Max(1, (long)Math.Round(elapsedSamples / _samplesPerFrame));
            gap = (uint)Math.Min(frames * _samplesPerFrame, uint.MaxValue / 2);
        }

        _sequenceDelta = (ushort)(_lastSequence + 1 - incoming.SequenceNumber);
        _timestampDelta = _lastTimestamp + gap - incoming.Timestamp;
        _source = incoming.Ssrc;
        _sourceChangeRequested = false;
    }
}
