using System.Buffers.Binary;
using ContactCenter.Media.Dtmf;
using ContactCenter.Media.Rtp;

namespace FuzzTargets;

/// <summary>Media targets: RTP headers, RTCP compound packets, RFC 4733 telephone events.</summary>
internal static class MediaTargets
{
    public static void Rtp(ReadOnlySpan<byte> input)
    {
        _ = MediaPacketClassifier.Classify(input);
        if (!RtpPacket.TryParse(input, out var packet))
        {
            return;
        }

        for (int i = 0; i < packet.CsrcCount; i++)
        {
            _ = packet.GetCsrc(i);
        }

        FuzzInvariantException.Check(packet.Length == input.Length, "a parsed RTP packet does not account for every byte");
        Span<byte> copy = new byte[input.Length + 256];
        if (packet.PaddingLength == 0 || packet.PaddingLength == input[^1])
        {
            FuzzInvariantException.Check(packet.TryWrite(copy, out int written), "a parsed RTP packet could not be written");
            FuzzInvariantException.Check(RtpPacket.TryParse(copy[..written], out var again), "a written RTP packet did not parse again");
            FuzzInvariantException.Check(again.SequenceNumber == packet.SequenceNumber && again.Ssrc == packet.Ssrc && again.Payload.SequenceEqual(packet.Payload), "an RTP packet changed when written and read");
        }

        var rewriter = new RtpSequenceRewriter(0x1234, 1, 160, 8000, 160, FrozenTime.Instance);
        input.CopyTo(copy);
        _ = rewriter.TryRewrite(copy[..input.Length], out _, out _);
    }

    public static void Rtcp(ReadOnlySpan<byte> input)
    {
        _ = MediaPacketClassifier.Classify(input);
        _ = RtcpCompoundReader.IsValid(input);
        var reader = new RtcpCompoundReader(input);
        int packets = 0;
        while (reader.TryReadNext(out var header, out var packet))
        {
            FuzzInvariantException.Check(++packets <= input.Length / RtcpHeader.Length, "the RTCP reader returned more packets than fit");
            FuzzInvariantException.Check(packet.Length == header.PacketLength, "an RTCP packet's slice does not match its length");
            _ = RtcpReportBlock.ReadAll(packet);
            _ = RtcpSenderInfo.TryRead(packet, out _);
        }
    }

    /// <summary>A stream of telephone-event packets: each 10 input bytes are SSRC (1), timestamp (4), payload length (1), payload (4).</summary>
    public static void TelephoneEvents(ReadOnlySpan<byte> input)
    {
        var detector = new DtmfEventDetector();
        Span<byte> written = stackalloc byte[TelephoneEvent.Length];
        for (; input.Length >= 10; input = input[10..])
        {
            uint ssrc = input[0];
            uint timestamp = BinaryPrimitives.ReadUInt32BigEndian(input[1..]);
            var payload = input.Slice(6, Math.Min((int)input[5], 4));
            if (TelephoneEvent.TryParse(payload, out var value))
            {
                FuzzInvariantException.Check(value.TryWrite(written) && written[0] == payload[0] && written[1] == (payload[1] & ~0x40) && written[2..].SequenceEqual(payload[2..4]), "a telephone event changed when written");
                _ = TelephoneEvent.TryGetDigit(value.EventCode, out _);
            }

            _ = detector.TryProcess(ssrc, timestamp, payload, out _);
        }
    }
}
