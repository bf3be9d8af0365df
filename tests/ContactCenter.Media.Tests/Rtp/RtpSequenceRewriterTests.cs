using ContactCenter.Media.Rtp;
using Microsoft.Extensions.Time.Testing;

namespace ContactCenter.Media.Tests.Rtp;

public sealed class RtpSequenceRewriterTests
{
    private static byte[] Packet(uint ssrc, ushort sequence, uint timestamp)
    {
        byte[] buffer = new byte[12 + 160];
        Assert.True(new RtpPacket(0, sequence, timestamp, ssrc, new byte[160]).TryWrite(buffer, out _));
        return buffer;
    }

    private static (ushort Sequence, uint Timestamp, uint Ssrc, bool Marker) Header(byte[] packet)
    {
        Assert.True(RtpPacket.TryParse(packet, out RtpPacket parsed));
        return (parsed.SequenceNumber, parsed.Timestamp, parsed.Ssrc, parsed.Marker);
    }

    private static (ushort, uint, uint, bool) Rewrite(RtpSequenceRewriter rewriter, byte[] packet)
    {
        Assert.True(rewriter.TryRewrite(packet));
        return Header(packet);
    }

    [Fact]
    public void TryRewrite_FirstPacket_UsesOurSsrcAndInitialNumbersWithMarker()
    {
        var rewriter = new RtpSequenceRewriter(0xCAFE, 1000, 50_000, 8000, 160, new FakeTimeProvider());

        var header = Rewrite(rewriter, Packet(0x1111, 7, 999));

        Assert.Equal(((ushort)1000, 50_000u, 0xCAFEu, true), header);
    }

    [Fact]
    public void TryRewrite_HandsBackRewrittenTimestampAndPayloadLength()
    {
        var rewriter = new RtpSequenceRewriter(0xCAFE, 1000, 50_000, 8000, 160, new FakeTimeProvider());
        byte[] first = Packet(0x1111, 7, 999);
        byte[] second = Packet(0x1111, 8, 1159);
        rewriter.TryRewrite(first);

        bool ok = rewriter.TryRewrite(second, out uint timestamp, out int payloadLength);

        Assert.True(ok);
        Assert.Equal((50_160u, 160), (timestamp, payloadLength));
        Assert.Equal(Header(second).Timestamp, timestamp);
    }

    [Fact]
    public void TryRewrite_SameSource_KeepsSpacingWithoutMarker()
    {
        var rewriter = new RtpSequenceRewriter(0xCAFE, 1000, 50_000, 8000, 160, new FakeTimeProvider());
        Rewrite(rewriter, Packet(0x1111, 7, 999));

        var header = Rewrite(rewriter, Packet(0x1111, 8, 999 + 160));

        Assert.Equal(((ushort)1001, 50_160u, 0xCAFEu, false), header);
    }

    [Fact]
    public void TryRewrite_NewSourceAfterOneSecond_ContinuesNumbersAndAdvancesTimestampByElapsedTime()
    {
        var time = new FakeTimeProvider();
        var rewriter = new RtpSequenceRewriter(0xCAFE, 65_534, uint.MaxValue - 100, 8000, 160, time);
        Rewrite(rewriter, Packet(0x1111, 100, 1000));
        Rewrite(rewriter, Packet(0x1111, 101, 1160));
        time.Advance(TimeSpan.FromSeconds(1));

        var header = Rewrite(rewriter, Packet(0x2222, 40_000, 123_456));

        Assert.Equal(((ushort)0, unchecked(uint.MaxValue - 100 + 160 + 8000), 0xCAFEu, true), header);
    }

    [Fact]
    public void TryRewrite_AudioAfterAnRfc4733Event_ResumesAfterTheEventsWholeDuration()
    {
        var time = new FakeTimeProvider();
        var rewriter = new RtpSequenceRewriter(0xCAFE, 10, 0, 8000, 160, time);
        Rewrite(rewriter, Packet(0x1111, 1, 0)); // audio
        time.Advance(TimeSpan.FromMilliseconds(20));
        rewriter.ChangeSource();
        var eventStart = Rewrite(rewriter, Packet(0x2222, 500, 7_000)).Item2; // a DTMF event: every packet carries its start timestamp
        for (ushort i = 1; i < 10; i++)
        {
            time.Advance(TimeSpan.FromMilliseconds(20));
            Rewrite(rewriter, Packet(0x2222, (ushort)(500 + i), 7_000));
        }

        time.Advance(TimeSpan.FromMilliseconds(20));
        rewriter.ChangeSource();
        var resumed = Rewrite(rewriter, Packet(0x1111, 2, 160)).Item2;

        Assert.Equal(eventStart + 200 * 8, resumed); // 200 ms after the event began, not one frame after
    }

    [Fact]
    public void TryRewrite_ChangeSourceWithSameSsrc_StillContinues()
    {
        var rewriter = new RtpSequenceRewriter(0xCAFE, 10, 0, 8000, 160, new FakeTimeProvider());
        Rewrite(rewriter, Packet(0x1111, 500, 9000));
        rewriter.ChangeSource();

        var header = Rewrite(rewriter, Packet(0x1111, 3, 5));

        Assert.Equal(((ushort)11, 160u, 0xCAFEu, true), header);
    }

    [Fact]
    public void TryRewrite_ReorderedPacket_KeepsItsPlace()
    {
        var rewriter = new RtpSequenceRewriter(0xCAFE, 10, 0, 8000, 160, new FakeTimeProvider());
        Rewrite(rewriter, Packet(0x1111, 100, 0));
        Rewrite(rewriter, Packet(0x1111, 102, 320));

        var late = Rewrite(rewriter, Packet(0x1111, 101, 160));
        var next = Rewrite(rewriter, Packet(0x1111, 103, 480));

        Assert.Equal(((ushort)11, 160u), (late.Item1, late.Item2));
        Assert.Equal(((ushort)13, 480u), (next.Item1, next.Item2));
    }

    [Fact]
    public void TryRewrite_NotRtp_ReturnsFalseAndLeavesBytes()
    {
        var rewriter = new RtpSequenceRewriter(0xCAFE, 10, 0, 8000, 160, new FakeTimeProvider());
        byte[] garbage = [0x00, 0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x08, 0x09, 0x0A, 0x0B];

        bool ok = rewriter.TryRewrite(garbage);

        Assert.False(ok);
        Assert.Equal([0x00, 0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x08, 0x09, 0x0A, 0x0B], garbage);
    }
}
