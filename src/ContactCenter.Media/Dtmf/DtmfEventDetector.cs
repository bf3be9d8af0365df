using System.Diagnostics.CodeAnalysis;
using ContactCenter.Media.Rtp;

namespace ContactCenter.Media.Dtmf;

/// <summary>
/// Turns the telephone-event packets of one incoming stream into one <see cref="DtmfEvent"/> per key
/// press. All packets of an event share its RTP timestamp (RFC 4733 §2.5.1.1) and the end packet is
/// sent three times (§2.5.1.4), so events are reported once, on the first end packet, and
/// deduplicated by timestamp. If an event's end packets are all lost, it is reported when the next
/// event starts. One instance per stream, used only from that stream's receive loop.
/// </summary>
/// <param name="clockRate">The telephone-event clock rate (8000 unless negotiated otherwise).</param>
public sealed class DtmfEventDetector(int clockRate = 8000)
{
    private uint? _ssrc;
    private uint? _reportedTimestamp;
    private uint _activeTimestamp;
    private TelephoneEvent? _active;

    /// <summary>Feeds one telephone-event RTP packet; true with the event when a key press completes.</summary>
    public bool TryProcess(RtpPacket packet, [NotNullWhen(true)] out DtmfEvent? dtmf) =>
        TryProcess(packet.Ssrc, packet.Timestamp, packet.Payload, out dtmf);

    /// <summary>Feeds one telephone-event payload with its packet's SSRC and timestamp.</summary>
    public bool TryProcess(uint ssrc, uint timestamp, ReadOnlySpan<byte> payload, [NotNullWhen(true)] out DtmfEvent? dtmf)
    {
        dtmf = null;
        if (!TelephoneEvent.TryParse(payload, out TelephoneEvent received) || !TelephoneEvent.TryGetDigit(received.EventCode, out _))
        {
            return false;
        }

        if (_ssrc != ssrc)
        {
            _ssrc = ssrc;
            _reportedTimestamp = null;
            _active = null;
        }

        if (_reportedTimestamp is uint reported && (int)(timestamp - reported) <= 0)
        {
            return false; // a redundant end packet, or a late one of an event already reported
        }

        DtmfEvent? unfinished = _active is TelephoneEvent previous && _activeTimestamp != timestamp
            ? ToDtmf(previous, _activeTimestamp, endSeen: false)
            : null;
        _active = received;
        _activeTimestamp = timestamp;
        if (unfinished is not null)
        {
            // The new event stays active; its own end packets will report it.
            _reportedTimestamp = unfinished.RtpTimestamp;
            dtmf = unfinished;
            return true;
        }

        if (!received.End)
        {
            return false;
        }

        _reportedTimestamp = timestamp;
        _active = null;
        dtmf = ToDtmf(received, timestamp, endSeen: true);
        return true;
    }

    private DtmfEvent ToDtmf(TelephoneEvent value, uint timestamp, bool endSeen)
    {
        TelephoneEvent.TryGetDigit(value.EventCode, out char digit);
        return new DtmfEvent(digit, timestamp, TimeSpan.FromSeconds((double)value.Duration / clockRate), value.Volume, endSeen);
    }
}
