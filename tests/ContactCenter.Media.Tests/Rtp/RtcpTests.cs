using ContactCenter.Media.Rtp;

namespace ContactCenter.Media.Tests.Rtp;

public sealed class RtcpTests
{
    // SR with no report blocks (28 bytes) followed by SDES with one CNAME chunk (16 bytes).
    private static readonly byte[] SenderReportAndSdes =
    [
        0x80, 200, 0x00, 0x06, 0x11, 0x22, 0x33, 0x44,
        0xE9, 0x00, 0x00, 0x01, 0x80, 0x00, 0x00, 0x00,
        0x00, 0x00, 0x0F, 0xA0, 0x00, 0x00, 0x00, 0x32, 0x00, 0x00, 0x1F, 0x40,
        0x81, 202, 0x00, 0x03, 0x11, 0x22, 0x33, 0x44,
        0x01, 0x05, (byte)'a', (byte)'@', (byte)'b', (byte)'.', (byte)'c', 0x00,
    ];

    [Fact]
    public void Classify_SenderReport_IsRtcp()
    {
        Assert.Equal(MediaPacketKind.Rtcp, MediaPacketClassifier.Classify(SenderReportAndSdes));
    }

    [Theory]
    [InlineData(new byte[] { 0x80, 0x00, 0, 1, 0, 0, 0, 0, 0, 0, 0, 1 }, MediaPacketKind.Rtp)]
    [InlineData(new byte[] { 0x80, 0xE5, 0, 1, 0, 0, 0, 0, 0, 0, 0, 1 }, MediaPacketKind.Rtp)]
    [InlineData(new byte[] { 0x81, 201, 0, 1, 0, 0, 0, 1 }, MediaPacketKind.Rtcp)]
    [InlineData(new byte[] { 0x80, 203, 0, 1, 0, 0, 0, 1 }, MediaPacketKind.Rtcp)]
    [InlineData(new byte[] { 0x00, 0x01, 0, 8, 0x21, 0x12, 0xA4, 0x42 }, MediaPacketKind.Unknown)]
    [InlineData(new byte[] { 0x80, 0x00, 0, 1 }, MediaPacketKind.Unknown)]
    public void Classify_Datagram_FollowsRfc5761(byte[] data, MediaPacketKind expected)
    {
        Assert.Equal(expected, MediaPacketClassifier.Classify(data));
    }

    [Fact]
    public void CompoundReader_SrThenSdes_ReadsBothHeaders()
    {
        var reader = new RtcpCompoundReader(SenderReportAndSdes);

        Assert.True(reader.TryReadNext(out RtcpHeader first, out ReadOnlySpan<byte> sr));
        Assert.True(reader.TryReadNext(out RtcpHeader second, out _));
        Assert.False(reader.TryReadNext(out _, out _));

        Assert.Equal(new RtcpHeader(false, 0, RtcpPacketType.SenderReport, 28, 0x11223344), first);
        Assert.Equal(new RtcpHeader(false, 1, RtcpPacketType.SourceDescription, 16, 0x11223344), second);
        Assert.False(reader.IsMalformed);
        Assert.True(RtcpSenderInfo.TryRead(sr, out RtcpSenderInfo info));
        Assert.Equal(new RtcpSenderInfo(0xE900000180000000, 4000, 50, 8000), info);
    }

    [Fact]
    public void IsValid_Goodbye_IsValidWhenAfterReceiverReport()
    {
        byte[] data = [0x80, 201, 0, 1, 0, 0, 0, 7, 0x81, 203, 0, 1, 0, 0, 0, 7];

        Assert.True(RtcpCompoundReader.IsValid(data));
    }

    public static TheoryData<byte[]> Invalid => new()
    {
        new byte[] { 0x81, 202, 0, 1, 0, 0, 0, 7 },
        new byte[] { 0x80, 201, 0, 9, 0, 0, 0, 7 },
        new byte[] { 0x80, 201, 0, 1, 0, 0, 0, 7, 0x81 },
        new byte[] { 0xA0, 201, 0, 1, 0, 0, 0, 7, 0x81, 203, 0, 1, 0, 0, 0, 7 },
        new byte[] { 0x40, 201, 0, 1, 0, 0, 0, 7 },
        Array.Empty<byte>(),
    };

    [Theory]
    [MemberData(nameof(Invalid))]
    public void IsValid_Malformed_ReturnsFalse(byte[] data)
    {
        Assert.False(RtcpCompoundReader.IsValid(data));
    }
}
