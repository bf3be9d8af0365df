using System.Text;

namespace ContactCenter.Sdp.Tests;

public sealed class SdpParserTests
{
    public static TheoryData<string> Files => SdpTestData.Files;

    [Theory]
    [MemberData(nameof(Files))]
    public void TryParse_CapturedBody_Succeeds(string file)
    {
        bool ok = SdpParser.TryParse(SdpTestData.Bytes(file), out SdpSession? session, out SdpParseError error);

        Assert.True(ok, error.ToString());
        Assert.NotNull(session);
        Assert.Equal(SdpParseError.None, error);
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void TryParse_WrittenBack_ParsesEqual(string file)
    {
        SdpSession original = SdpTestData.Parse(file);

        byte[] written = SdpWriter.ToBytes(original);

        Assert.True(SdpParser.TryParse(written, out SdpSession? reparsed, out SdpParseError error), error.ToString());
        Assert.Equal(original, reparsed);
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void TryParse_BareLineFeeds_ParsesSameAsCrlf(string file)
    {
        string crlf = Encoding.UTF8.GetString(SdpTestData.Bytes(file));

        SdpSession lf = SdpParser.Parse(crlf.Replace("\r\n", "\n", StringComparison.Ordinal));

        Assert.Equal(SdpParser.Parse(crlf), lf);
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void TryParse_WriterOutput_IsByteIdenticalToCanonicalCapture(string file)
    {
        // Our captures are already in canonical RFC order with single spaces, so writing reproduces them.
        byte[] original = SdpTestData.Bytes(file);

        byte[] written = SdpWriter.ToBytes(SdpTestData.Parse(file));

        Assert.Equal(Encoding.UTF8.GetString(original), Encoding.UTF8.GetString(written));
    }

    [Fact]
    public void TryParse_Baresip_ReadsMediaAndAttributes()
    {
        SdpSession session = SdpTestData.Parse("baresip-offer.sdp");

        SdpMedia audio = Assert.Single(session.Media);
        Assert.Equal(new SdpOrigin("-", "1730412290", 2418844317, "IN", "IP4", "192.168.10.23"), session.Origin);
        Assert.Equal(new SdpConnection("IN", "IP4", "192.168.10.23"), session.Connection);
        Assert.Equal(10224, audio.Port);
        Assert.Equal(["111", "0", "8", "101"], audio.Formats);
        Assert.Equal([111, 0, 8, 101], audio.PayloadTypes);
        Assert.Equal([new SdpBandwidth("AS", 96)], audio.Bandwidths);
        Assert.True(audio.TryGetRtpMap(111, out SdpRtpMap? opus));
        Assert.Equal(new SdpRtpMap(111, "opus", 48000, 2), opus);
        Assert.True(audio.TryGetFmtp(101, out string? events));
        Assert.Equal("0-15", events);
        Assert.Equal(SdpDirection.SendRecv, audio.Direction);
        Assert.Contains(new SdpAttribute("rtcp-rsize"), audio.Attributes);
        Assert.Contains(new SdpAttribute("ssrc", "2851742913 cname:baresip@desk23"), audio.Attributes);
        Assert.Equal(new SdpAttribute("tool", "baresip 3.12.0"), Assert.Single(session.Attributes));
    }

    [Fact]
    public void TryParse_Linphone_ReadsSeveralMediaAndRtcp()
    {
        SdpSession session = SdpTestData.Parse("linphone-offer.sdp");

        Assert.Equal(["audio", "video"], session.Media.Select(m => m.MediaType));
        SdpMedia audio = session.Media[0];
        Assert.Equal(new SdpRtcp(7079), audio.Rtcp);
        Assert.Equal(new SdpConnection("IN", "IP4", "10.20.30.77"), audio.Connection);
        Assert.Null(session.Media[1].Connection);
        Assert.Equal(session.Connection, session.GetConnection(session.Media[1]));
        Assert.False(audio.TryGetRtpMap(18, out _));
        Assert.True(audio.TryGetFmtp(18, out string? annexB));
        Assert.Equal("annexb=yes", annexB);
        Assert.Equal("rcvr-rtt=all:10000 stat-summary=loss,dup,jitt,TTL voip-metrics", session.Attributes.Find("rtcp-xr")?.Value);
    }

    [Fact]
    public void TryParse_Ipv6_ReadsAddressesPtimeAndRtcpAddress()
    {
        SdpSession session = SdpTestData.Parse("linphone-ipv6-offer.sdp");

        SdpMedia audio = session.Media[0];
        Assert.Equal("IP6", session.Origin.AddressType);
        Assert.Equal(new SdpConnection("IN", "IP6", "2001:db8:4:12::1f"), session.Connection);
        Assert.Equal(new SdpRtcp(7091, new SdpConnection("IN", "IP6", "2001:db8:4:12::1f")), audio.Rtcp);
        Assert.Equal(20, audio.Ptime);
        Assert.Equal(40, audio.MaxPtime);
    }

    [Fact]
    public void TryParse_FullSession_ReadsEveryLineType()
    {
        SdpSession session = SdpTestData.Parse("full-session.sdp");

        Assert.Equal("Quarterly review", session.SessionName);
        Assert.Equal("Call-centre training session", session.Information);
        Assert.Equal("http://example.com/review/q3.pdf", session.Uri);
        Assert.Equal(["trainer@example.com (Training Desk)", "backup@example.com"], session.Emails);
        Assert.Equal(["+1 617 555-6011"], session.Phones);
        Assert.Equal(new SdpConnection("IN", "IP4", "233.252.0.10") { Ttl = 127, AddressCount = 2 }, session.Connection);
        Assert.Equal([new SdpBandwidth("CT", 512)], session.Bandwidths);
        Assert.Equal(2, session.Timings.Count);
        Assert.Equal(new SdpRepeatTime("7d", "1h", ["0", "25h"]), Assert.Single(session.Timings[0].Repeats));
        Assert.Equal([new SdpTimeZoneAdjustment(2882844526, "-1h"), new SdpTimeZoneAdjustment(2898848070, "0")], session.TimeZones);
        Assert.Equal("prompt", session.EncryptionKey);
        Assert.Equal(SdpDirection.RecvOnly, session.Direction);
        Assert.Equal(SdpDirection.RecvOnly, session.GetDirection(session.Media[0]));
        Assert.Equal(2, session.Media[0].PortCount);
        Assert.Equal("Main audio", session.Media[0].Information);
        Assert.Equal("clear:c2VjcmV0", session.Media[0].EncryptionKey);
        Assert.Equal(30, session.Media[0].Ptime);
        Assert.Equal(new SdpConnection("IN", "IP6", "ff15::103") { AddressCount = 3 }, session.Media[1].Connection);
        Assert.Equal(["wb"], session.Media[2].Formats);
    }

    [Fact]
    public void TryParse_NoTimingLine_DefaultsToUnbounded()
    {
        const string Body = "v=0\r\no=- 1 1 IN IP4 10.0.0.1\r\ns=-\r\nc=IN IP4 10.0.0.1\r\nm=audio 4000 RTP/AVP 0\r\n";

        SdpSession session = SdpParser.Parse(Body);

        Assert.Equal([SdpTiming.Unbounded], session.Timings);
    }

    [Fact]
    public void TryParse_TrailingBlankLine_IsTolerated()
    {
        const string Body = "v=0\r\no=- 1 1 IN IP4 10.0.0.1\r\ns=-\r\nt=0 0\r\n\r\n";

        bool ok = SdpParser.TryParse(Body, out _, out _);

        Assert.True(ok);
    }

    public static TheoryData<string, SdpParseErrorCode, int> Malformed => new()
    {
        { "", SdpParseErrorCode.Empty, 0 },
        { "v=1\r\no=- 1 1 IN IP4 10.0.0.1\r\ns=-\r\n", SdpParseErrorCode.InvalidVersion, 1 },
        { "o=- 1 1 IN IP4 10.0.0.1\r\nv=0\r\ns=-\r\n", SdpParseErrorCode.InvalidVersion, 1 },
        { "v=0\r\n", SdpParseErrorCode.InvalidOrigin, 1 },
        { "v=0\r\no=- 1 1 IN IP4\r\ns=-\r\n", SdpParseErrorCode.InvalidOrigin, 2 },
        { "v=0\r\no=- x 1 IN IP4 10.0.0.1\r\ns=-\r\n", SdpParseErrorCode.InvalidOrigin, 2 },
        { "v=0\r\no=- 1 -1 IN IP4 10.0.0.1\r\ns=-\r\n", SdpParseErrorCode.InvalidOrigin, 2 },
        { "v=0\r\no=- 1 1 IN IP4 10.0.0.1\r\n", SdpParseErrorCode.InvalidSessionName, 2 },
        { "v=0\r\no=- 1 1 IN IP4 10.0.0.1\r\nt=0 0\r\n", SdpParseErrorCode.InvalidSessionName, 3 },
        { "v=0\r\no=- 1 1 IN IP4 10.0.0.1\r\ns=-\r\nc=IN IP4 ::1\r\n", SdpParseErrorCode.InvalidConnection, 4 },
        { "v=0\r\no=- 1 1 IN IP4 10.0.0.1\r\ns=-\r\nc=IN IP6 10.0.0.1\r\n", SdpParseErrorCode.InvalidConnection, 4 },
        { "v=0\r\no=- 1 1 IN IP4 10.0.0.1\r\ns=-\r\nc=IN IP4\r\n", SdpParseErrorCode.InvalidConnection, 4 },
        { "v=0\r\no=- 1 1 IN IP4 10.0.0.1\r\ns=-\r\nc=IN IP4 10.0.0.1/x\r\n", SdpParseErrorCode.InvalidConnection, 4 },
        { "v=0\r\no=- 1 1 IN IP4 10.0.0.1\r\ns=-\r\nc=IN IP4 10.0.0.1\r\nc=IN IP4 10.0.0.2\r\n", SdpParseErrorCode.InvalidConnection, 5 },
        { "v=0\r\no=- 1 1 IN IP4 10.0.0.1\r\ns=-\r\nb=AS\r\n", SdpParseErrorCode.InvalidBandwidth, 4 },
        { "v=0\r\no=- 1 1 IN IP4 10.0.0.1\r\ns=-\r\nb=AS:lots\r\n", SdpParseErrorCode.InvalidBandwidth, 4 },
        { "v=0\r\no=- 1 1 IN IP4 10.0.0.1\r\ns=-\r\nt=0\r\n", SdpParseErrorCode.InvalidTiming, 4 },
        { "v=0\r\no=- 1 1 IN IP4 10.0.0.1\r\ns=-\r\nr=7d 1h 0\r\n", SdpParseErrorCode.InvalidTiming, 4 },
        { "v=0\r\no=- 1 1 IN IP4 10.0.0.1\r\ns=-\r\nt=0 0\r\nr=7x 1h 0\r\n", SdpParseErrorCode.InvalidTiming, 5 },
        { "v=0\r\no=- 1 1 IN IP4 10.0.0.1\r\ns=-\r\nt=0 0\r\nz=1\r\n", SdpParseErrorCode.InvalidTiming, 5 },
        { "v=0\r\no=- 1 1 IN IP4 10.0.0.1\r\ns=-\r\nt=0 0\r\nm=audio\r\n", SdpParseErrorCode.InvalidMedia, 5 },
        { "v=0\r\no=- 1 1 IN IP4 10.0.0.1\r\ns=-\r\nt=0 0\r\nm=audio 70000 RTP/AVP 0\r\n", SdpParseErrorCode.InvalidMedia, 5 },
        { "v=0\r\no=- 1 1 IN IP4 10.0.0.1\r\ns=-\r\nt=0 0\r\nm=audio 4000 RTP/AVP\r\n", SdpParseErrorCode.InvalidMedia, 5 },
        { "v=0\r\no=- 1 1 IN IP4 10.0.0.1\r\ns=-\r\nt=0 0\r\nm=audio 4000/0 RTP/AVP 0\r\n", SdpParseErrorCode.InvalidMedia, 5 },
        { "v=0\r\no=- 1 1 IN IP4 10.0.0.1\r\ns=-\r\nt=0 0\r\nm=audio 4000 RTP/AVP 0\r\na=rtpmap:0 PCMU\r\n", SdpParseErrorCode.InvalidAttribute, 6 },
        { "v=0\r\no=- 1 1 IN IP4 10.0.0.1\r\ns=-\r\nt=0 0\r\nm=audio 4000 RTP/AVP 0\r\na=rtpmap:200 X/8000\r\n", SdpParseErrorCode.InvalidAttribute, 6 },
        { "v=0\r\no=- 1 1 IN IP4 10.0.0.1\r\ns=-\r\nt=0 0\r\nm=audio 4000 RTP/AVP 0\r\na=ptime:abc\r\n", SdpParseErrorCode.InvalidAttribute, 6 },
        { "v=0\r\no=- 1 1 IN IP4 10.0.0.1\r\ns=-\r\nt=0 0\r\nm=audio 4000 RTP/AVP 0\r\na=ptime:0\r\n", SdpParseErrorCode.InvalidAttribute, 6 },
        { "v=0\r\no=- 1 1 IN IP4 10.0.0.1\r\ns=-\r\nt=0 0\r\nm=audio 4000 RTP/AVP 0\r\na=rtcp:99999\r\n", SdpParseErrorCode.InvalidAttribute, 6 },
        { "v=0\r\no=- 1 1 IN IP4 10.0.0.1\r\ns=-\r\nt=0 0\r\nm=audio 4000 RTP/AVP 0\r\na=sendonly:yes\r\n", SdpParseErrorCode.InvalidAttribute, 6 },
        { "v=0\r\no=- 1 1 IN IP4 10.0.0.1\r\ns=-\r\nt=0 0\r\nm=audio 4000 RTP/AVP 0\r\na=fmtp:101\r\n", SdpParseErrorCode.InvalidAttribute, 6 },
        { "v=0\r\no=- 1 1 IN IP4 10.0.0.1\r\ns=-\r\nt=0 0\r\na=\r\n", SdpParseErrorCode.InvalidAttribute, 5 },
        { "v=0\r\no=- 1 1 IN IP4 10.0.0.1\r\ns=-\r\nt=0 0\r\nm=audio 4000 RTP/AVP 0\r\nt=0 0\r\n", SdpParseErrorCode.LineOutOfPlace, 6 },
        { "v=0\r\no=- 1 1 IN IP4 10.0.0.1\r\ns=-\r\nt=0 0\r\nm=audio 4000 RTP/AVP 0\r\nu=http://x\r\n", SdpParseErrorCode.LineOutOfPlace, 6 },
        { "v=0\r\no=- 1 1 IN IP4 10.0.0.1\r\ns=-\r\ns=again\r\n", SdpParseErrorCode.LineOutOfPlace, 4 },
        { "v=0\r\no=- 1 1 IN IP4 10.0.0.1\r\ns=-\r\nx=unknown\r\n", SdpParseErrorCode.UnknownLineType, 4 },
        { "v=0\r\no=- 1 1 IN IP4 10.0.0.1\r\ns=-\r\nt = 0 0\r\n", SdpParseErrorCode.MalformedLine, 4 },
        { "v=0\r\no=- 1 1 IN IP4 10.0.0.1\r\ns=-\r\nT=0 0\r\n", SdpParseErrorCode.MalformedLine, 4 },
        { "v=0\r\no=- 1 1 IN IP4 10.0.0.1\r\n\r\ns=-\r\n", SdpParseErrorCode.MalformedLine, 3 },
        { "v=0\r\no=- 1 1 IN IP4 10.0.0.1\r\ns=a\rb\r\n", SdpParseErrorCode.MalformedLine, 3 },
        { "v=0\r\no=- 1 1 IN IP4 10.0.0.1\r\ns=a\0b\r\n", SdpParseErrorCode.InvalidText, 0 },
        { "hello world", SdpParseErrorCode.MalformedLine, 1 },
    };

    [Theory]
    [MemberData(nameof(Malformed))]
    public void TryParse_Malformed_ReturnsFalseWithCodeAndLine(string body, SdpParseErrorCode code, int line)
    {
        bool ok = SdpParser.TryParse(body, out SdpSession? session, out SdpParseError error);

        Assert.False(ok);
        Assert.Null(session);
        Assert.Equal(new SdpParseError(code, line), error);
    }

    [Fact]
    public void TryParse_InvalidUtf8_ReturnsFalse()
    {
        byte[] body = [.. "v=0\r\no=- 1 1 IN IP4 10.0.0.1\r\ns="u8, 0xC3, 0x28, (byte)'\r', (byte)'\n'];

        bool ok = SdpParser.TryParse(body, out _, out SdpParseError error);

        Assert.False(ok);
        Assert.Equal(SdpParseErrorCode.InvalidText, error.Code);
    }

    [Fact]
    public void TryParse_TooLarge_ReturnsFalse()
    {
        byte[] body = new byte[SdpParser.MaxBodyBytes + 1];

        bool ok = SdpParser.TryParse(body, out _, out SdpParseError error);

        Assert.False(ok);
        Assert.Equal(SdpParseErrorCode.TooLarge, error.Code);
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void TryParse_EveryTruncation_NeverThrows(string file)
    {
        byte[] body = SdpTestData.Bytes(file);

        for (int length = 0; length < body.Length; length++)
        {
            _ = SdpParser.TryParse(body.AsSpan(0, length), out _, out _);
        }
    }

    [Fact]
    public void TryParse_RandomBytes_NeverThrows()
    {
        var random = new Random(4566);
        byte[] seed = SdpTestData.Bytes("linphone-offer.sdp");

        for (int i = 0; i < 2000; i++)
        {
            byte[] mutated = (byte[])seed.Clone();
            mutated[random.Next(mutated.Length)] = (byte)random.Next(256);
            _ = SdpParser.TryParse(mutated, out _, out _);
        }
    }

    [Fact]
    public void Parse_Malformed_ThrowsFormatException()
    {
        Assert.Throws<FormatException>(() => SdpParser.Parse("v=9"));
    }
}
