using System.Buffers.Binary;

namespace ContactCenter.Media.Dtmf;

/// <summary>An RFC 4733 §2.3 telephone-event payload: event, end bit, volume and duration.</summary>
/// <param name="EventCode">The event: 0-9, 10 (*), 11 (#), 12-15 (A-D), 16 (flash) for DTMF (RFC 4733 §3.2).</param>
/// <param name="End">Whether this packet ends the event.</param>
/// <param name="Volume">The power level as -dBm0, 0-63.</param>
/// <param name="Duration">The duration so far, in timestamp units.</param>
public readonly record struct TelephoneEvent(byte EventCode, bool End, byte Volume, ushort Duration)
{
    /// <summary>The payload length.</summary>
    public const int Length = 4;

    /// <summary>Parses the first 4 bytes of <paramref name="payload"/>; the reserved bit is ignored (RFC 4733 §2.3.4).</summary>
    public static bool TryParse(ReadOnlySpan<byte> payload, out TelephoneEvent value)
    {
        if (payload.Length < Length)
        {
            value = default;
            return false;
        }

        value = new TelephoneEvent(
            payload[0], (payload[1] & 0x80) != 0, (byte)(payload[1] & 0x3F), BinaryPrimitives.ReadUInt16BigEndian(payload[2..]));
        return true;
    }

    /// <summary>Writes the 4-byte payload; false if the destination is short or the volume is over 63.</summary>
    public bool TryWrite(Span<byte> destination)
    {
        if (destination.Length < Length || Volume > 63)
        {
            return false;
        }

        destination[0] = EventCode;
        destination[1] = (byte)((End ? 0x80 : 0) | Volume);
        BinaryPrimitives.WriteUInt16BigEndian(destination[2..], Duration);
        return true;
    }

    /// <summary>The DTMF character of <paramref name="eventCode"/>: 0-9, *, #, A-D, and ! for flash.</summary>
    public static bool TryGetDigit(byte eventCode, out char digit)
    {
        digit = eventCode switch
        {
            <= 9 => (char)('0' + eventCode),
            10 => '*',
            11 => '#',
            <= 15 => (char)('A' + eventCode - 12),
            16 => '!',
            _ => '\0',
        };
        return digit != '\0';
    }
}
