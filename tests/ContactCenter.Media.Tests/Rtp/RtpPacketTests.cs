using ContactCenter.Media.Rtp;

namespace ContactCenter.Media.Tests.Rtp;

public sealed class RtpPacketTests
{
    [Fact]
    public void TryParse_MinimalPcmuPacket_ReadsHeader()
    {
        byte[] data = [0x80, 0x80, 0x12, 0x34, 0x00, 0x00, 0x0A, 0x00, 0xDE, 0xAD, 0xBE, 0xEF, 0xFF, 0xFF];

        bool ok = RtpPacket.TryParse(data, out RtpPacket packet);

        Assert.True(ok);
        Assert.True(packet.Marker);
        Assert.Equal(0, packet.PayloadType);
        Assert.Equal(0x1234, packet.SequenceNumber);
        Assert.Equal(2560u, packet.Timestamp);
        Assert.Equal(0xDEADBEEFu, packet.Ssrc);
        Assert.Equal(0, packet.CsrcCount);
        Assert.False(packet.HasExtension);
        Assert.Equal([0xFF, 0xFF], packet.Payload.ToArray());
    }

    [Fact]
    public void TryWrite_AllFeatures_RoundTrips()
    {
        byte[] csrcs = [0, 0, 0, 1, 0, 0, 0, 2];
        byte[] extension = [1, 2, 3, 4];
        byte[] payload = [9, 8, 7];
        var packet = new RtpPacket(101, 65535, uint.MaxValue, 42, payload)
        {
            Marker = true, CsrcData = csrcs, HasExtension = true, ExtensionProfile = 0xBEDE, ExtensionData = extension, PaddingLength = 5,
        };
        byte[] buffer = new byte[100];

        Assert.True(packet.TryWrite(buffer, out int written));
        Assert.True(RtpPacket.TryParse(buffer.AsSpan(0, written), out RtpPacket parsed));

        Assert.Equal(12 + 8 + 8 + 3 + 5, written);
        Assert.Equal((true, (byte)101, (ushort)65535, uint.MaxValue, 42u), (parsed.Marker, parsed.PayloadType, parsed.SequenceNumber, parsed.Timestamp, parsed.Ssrc));
        Assert.Equal([1u, 2u], [parsed.GetCsrc(0), parsed.GetCsrc(1)]);
        Assert.Equal(0xBEDE, parsed.ExtensionProfile);
        Assert.Equal(extension, parsed.ExtensionData.ToArray());
        Assert.Equal(payload, parsed.Payload.ToArray());
        Assert.Equal(5, parsed.PaddingLength);
    }

    public static TheoryData<byte[]> Malformed => new()
    {
        Array.Empty<byte>(),
        new byte[] { 0x80, 0x00, 0, 1, 0, 0, 0, 0, 0, 0, 0 },
        new byte[] { 0x40, 0x00, 0, 1, 0, 0, 0, 0, 0, 0, 0, 1 },
        new byte[] { 0x00, 0x00, 0, 1, 0, 0, 0, 0, 0, 0, 0, 1 },
        new byte[] { 0x81, 0x00, 0, 1, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0 },
        new byte[] { 0x90, 0x00, 0, 1, 0, 0, 0, 0, 0, 0, 0, 1, 0xBE, 0xDE },
        new byte[] { 0x90, 0x00, 0, 1, 0, 0, 0, 0, 0, 0, 0, 1, 0xBE, 0xDE, 0, 2, 1, 2, 3, 4 },
        new byte[] { 0xA0, 0x00, 0, 1, 0, 0, 0, 0, 0, 0, 0, 1, 5, 0 },
        new byte[] { 0xA0, 0x00, 0, 1, 0, 0, 0, 0, 0, 0, 0, 1, 5, 3 },
    };

    [Theory]
    [MemberData(nameof(Malformed))]
    public void TryParse_Malformed_ReturnsFalse(byte[] data)
    {
        bool ok = RtpPacket.TryParse(data, out _);

        Assert.False(ok);
    }

    [Fact]
    public void TryWrite_DestinationTooSmall_ReturnsFalse()
    {
        var packet = new RtpPacket(0, 1, 1, 1, new byte[160]);

        bool ok = packet.TryWrite(new byte[171], out int written);

        Assert.False(ok);
        Assert.Equal(0, written);
    }

    [Fact]
    public void TryWrite_PayloadTypeOver127_ReturnsFalse()
    {
        var packet = new RtpPacket(128, 1, 1, 1, default);

        Assert.False(packet.TryWrite(new byte[64], out _));
    }

    [Fact]
    public void TryParse_RandomBytes_NeverThrows()
    {
        var random = new Random(3550);
        byte[] data = new byte[64];

        for (int i = 0; i < 5000; i++)
        {
            random.NextBytes(data);
            data[0] = (byte)((data[0] & 0x3F) | 0x80);
            _ = RtpPacket.TryParse(data.AsSpan(0, random.Next(data.Length)), out _);
        }
    }
}
