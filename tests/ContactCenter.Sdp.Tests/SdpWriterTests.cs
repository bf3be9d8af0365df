using System.Buffers;
using System.Text;

namespace ContactCenter.Sdp.Tests;

public sealed class SdpWriterTests
{
    private static SdpSession Sample() => new(new SdpOrigin("-", "7", 2, "IN", "IP4", "10.1.1.1"), "-")
    {
        Attributes = [new SdpAttribute("x-custom", "a:b c")],
        Connection = new SdpConnection("IN", "IP4", "10.1.1.1"),
        Bandwidths = [new SdpBandwidth("AS", 80)],
        Emails = ["ops@example.com"],
        Information = "info",
        Media =
        [
            new SdpMedia("audio", 4000, "RTP/AVP", ["0", "101"])
            {
                Attributes =
                [
                    new SdpRtpMap(0, "PCMU", 8000).ToAttribute(),
                    new SdpRtpMap(101, "telephone-event", 8000).ToAttribute(),
                    new SdpFmtp("101", "0-16").ToAttribute(),
                    SdpAttribute.ForPtime(20),
                    new SdpRtcp(4001).ToAttribute(),
                    SdpAttribute.ForDirection(SdpDirection.SendOnly),
                ],
                Connection = new SdpConnection("IN", "IP6", "2001:db8::5"),
                Information = "voice",
            },
        ],
    };

    [Fact]
    public void Format_Session_WritesRfcOrderWithCrlf()
    {
        string text = SdpWriter.Format(Sample());

        Assert.Equal(
            "v=0\r\no=- 7 2 IN IP4 10.1.1.1\r\ns=-\r\ni=info\r\ne=ops@example.com\r\nc=IN IP4 10.1.1.1\r\nb=AS:80\r\n" +
            "t=0 0\r\na=x-custom:a:b c\r\nm=audio 4000 RTP/AVP 0 101\r\ni=voice\r\nc=IN IP6 2001:db8::5\r\n" +
            "a=rtpmap:0 PCMU/8000\r\na=rtpmap:101 telephone-event/8000\r\na=fmtp:101 0-16\r\na=ptime:20\r\n" +
            "a=rtcp:4001\r\na=sendonly\r\n",
            text);
    }

    [Fact]
    public void Write_BufferWriter_WritesSameBytesAsFormat()
    {
        var buffer = new ArrayBufferWriter<byte>();

        int count = SdpWriter.Write(Sample(), buffer);

        Assert.Equal(buffer.WrittenCount, count);
        Assert.Equal(SdpWriter.Format(Sample()), Encoding.UTF8.GetString(buffer.WrittenSpan));
    }

    [Fact]
    public void Format_ThenParse_GivesEqualSession()
    {
        SdpSession session = Sample();

        SdpSession reparsed = SdpParser.Parse(SdpWriter.Format(session));

        Assert.Equal(session, reparsed);
    }

    [Fact]
    public void Format_EmptyTimings_WritesUnboundedTiming()
    {
        SdpSession session = Sample() with { Timings = [] };

        string text = SdpWriter.Format(session);

        Assert.Contains("\r\nt=0 0\r\n", text, StringComparison.Ordinal);
    }
}
