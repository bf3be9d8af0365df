namespace ContactCenter.Media.Rtp;

/// <summary>
/// Walks the packets of a compound RTCP datagram (RFC 3550 §6.1) and checks the validity rules of
/// RFC 3550 Appendix A.2: the first packet is SR or RR, only the last may be padded, lengths add up.
/// </summary>
public ref struct RtcpCompoundReader(ReadOnlySpan<byte> datagram)
{
    private ReadOnlySpan<byte> _remaining = datagram;
    private bool _first = true;
    private bool _paddingSeen;

    /// <summary>Reads the next packet; false at the end or when the rest is malformed (see <see cref="IsMalformed"/>).</summary>
    public bool TryReadNext(out RtcpHeader header, out ReadOnlySpan<byte> packet)
    {
        packet = default;
        header = default;
        if (_remaining.IsEmpty || IsMalformed)
        {
            return false;
        }

        if (_paddingSeen || !RtcpHeader.TryParse(_remaining, out header) ||
            (_first && header.PacketType is not RtcpPacketType.SenderReport and not RtcpPacketType.ReceiverReport))
        {
            IsMalformed = true;
            return false;
        }

        _first = false;
        _paddingSeen = header.Padding;
        packet = _remaining[..header.PacketLength];
        _remaining = _remaining[header.PacketLength..];
        return true;
    }

    /// <summary>Whether reading stopped at a packet that breaks the rules.</summary>
    public bool IsMalformed { get; private set; }

    /// <summary>Whether <paramref name="datagram"/> is a valid compound RTCP packet.</summary>
    public static bool IsValid(ReadOnlySpan<byte> datagram)
    {
        var reader = new RtcpCompoundReader(datagram);
        int count = 0;
        while (reader.TryReadNext(out _, out _))
        {
            count++;
        }

        return count > 0 && !reader.IsMalformed;
    }
}
