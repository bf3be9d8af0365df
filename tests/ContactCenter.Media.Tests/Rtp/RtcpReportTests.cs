using ContactCenter.Media.Relay;
using ContactCenter.Media.Rtp;

namespace ContactCenter.Media.Tests.Rtp;

public sealed class RtcpReportTests
{
    [Fact]
    public void Write_SenderReportWithBlockAndCname_ReadsBackAsValidCompound()
    {
        var sender = new RtcpSenderInfo(0xE900_0001_8000_0000, 123_456, 250, 40_000);
        var block = new RtcpReportBlock(0xCAFE_F00D, 21, -2, 0x0001_0005, 80, 0x0001_8000, 0x0002_0000);
        byte[] buffer = new byte[RtcpReportWriter.MaxLength];

        int length = RtcpReportWriter.Write(buffer, 0x1122_3344, sender, block, "cc-0123456789abcdef");

        var reader = new RtcpCompoundReader(buffer.AsSpan(0, length));
        Assert.True(reader.TryReadNext(out RtcpHeader srHeader, out ReadOnlySpan<byte> sr));
        Assert.Equal(RtcpPacketType.SenderReport, srHeader.PacketType);
        Assert.Equal(0x1122_3344u, srHeader.Ssrc);
        Assert.True(RtcpSenderInfo.TryRead(sr, out RtcpSenderInfo readSender));
        Assert.Equal(sender, readSender);
        Assert.Equal(block, Assert.Single(RtcpReportBlock.ReadAll(sr)));
        Assert.True(reader.TryReadNext(out RtcpHeader sdesHeader, out ReadOnlySpan<byte> sdes));
        Assert.Equal(RtcpPacketType.SourceDescription, sdesHeader.PacketType);
        Assert.Equal(1, sdes[8]); // CNAME
        Assert.Equal("cc-0123456789abcdef", System.Text.Encoding.ASCII.GetString(sdes.Slice(10, sdes[9])));
        Assert.False(reader.TryReadNext(out _, out _));
        Assert.False(reader.IsMalformed);
        Assert.Equal(0, length % 4);
    }

    [Fact]
    public void Write_NothingSentNothingReceived_ReceiverReportWithoutBlocks()
    {
        byte[] buffer = new byte[RtcpReportWriter.MaxLength];

        int length = RtcpReportWriter.Write(buffer, 7, null, null, "x");

        Assert.True(RtcpHeader.TryParse(buffer.AsSpan(0, length), out RtcpHeader header));
        Assert.Equal(RtcpPacketType.ReceiverReport, header.PacketType);
        Assert.Equal(0, header.Count);
        Assert.Equal(8, header.PacketLength);
    }

    [Fact]
    public void ToNtp_UnixEpochAndHalfSecond_NtpSecondsAndFraction()
    {
        Assert.Equal(2_208_988_800UL << 32, RtcpReportWriter.ToNtp(DateTimeOffset.UnixEpoch));
        Assert.Equal((2_208_988_800UL << 32) | 0x8000_0000, RtcpReportWriter.ToNtp(DateTimeOffset.UnixEpoch.AddMilliseconds(500)));
        Assert.Equal(0x8000_8000u, RtcpReportWriter.Middle32(0x1234_8000_8000_5678));
    }

    [Fact]
    public void ReceiveStatistics_SequenceWrapsWithOneLoss_ExtendedHighestLostAndFraction()
    {
        var statistics = new RtpReceiveStatistics();
        foreach (int sequence in new[] { 65_530, 65_531, 65_532, 65_533, 65_534, 65_535, 0, 1, 3, 4, 5 })
        {
            statistics.Update(0xABCD, (ushort)sequence);
        }

        RtcpReportBlock first = statistics.TakeReportBlock(0, 0)!.Value;
        RtcpReportBlock second = statistics.TakeReportBlock(0, 0)!.Value;

        Assert.Equal(0xABCDu, first.Ssrc);
        Assert.Equal(65_536u + 5, first.ExtendedHighestSequence);
        Assert.Equal(1, first.CumulativeLost);
        Assert.Equal(256 / 12, first.FractionLost); // 1 of 12 expected
        Assert.Equal(0, second.FractionLost); // nothing new since the last report
        Assert.Null(new RtpReceiveStatistics().TakeReportBlock(0, 0));
    }
}
