using System.Text;
using ContactCenter.Sip.Syntax.Building;

namespace ContactCenter.Sip.Syntax.Tests;

/// <summary>
/// Issue #16 "while there": a Via that is not SIP/2.0/transport, a To with two tags, and many Vias, handled as
/// RFC 3261 says: the malformed ones fail with a reason and are still answered (400), a valid request with 60+ Vias
/// parses and is answered with every Via, and one beyond the configured limit gets a clear 400.
/// </summary>
public sealed class SipParserRfc3261RulesTests
{
    [Theory]
    [InlineData("SIP/3.0/UDP pc33.example.com;branch=z9hG4bK1")]
    [InlineData("HTTP/1.1/TCP pc33.example.com;branch=z9hG4bK1")]
    [InlineData("SIP/2.00/UDP pc33.example.com;branch=z9hG4bK1")]
    public void Request_ViaNotSip20_FailsWith400BadViaProtocolAndIsAnswered(string via)
    {
        var datagram = TestData.Crlf(TestData.Options.Replace("SIP/2.0/UDP pc33.example.com;branch=z9hG4bK776asdhds", via, StringComparison.Ordinal));

        var ok = SipParser.TryParse(datagram, SipParserLimits.Default, out _, out var error);

        Assert.False(ok);
        Assert.Equal(400, error.StatusCode);
        Assert.Equal("Bad Via Protocol", error.Reason);
        Assert.True(error.CanRespond);
        Assert.True(SipResponseBuilder.TryCreateForMalformedRequest(datagram, error, "t1", out var response));
        Assert.Equal("SIP/2.0 400 Bad Via Protocol", response.ToString());
        Assert.Equal(via, Assert.Single(response.Vias).ToString());
    }

    [Theory]
    [InlineData("SIP/2.0/UDP")]
    [InlineData("sip/2.0/udp")]
    [InlineData("SIP/2.0/TLS")]
    [InlineData("SIP/2.0/SCTP")]
    [InlineData("SIP / 2.0 / WSS")]
    public void Request_ViaSip20AnyTransport_Parses(string sentProtocol)
    {
        var text = TestData.Options.Replace("SIP/2.0/UDP pc33", sentProtocol + " pc33", StringComparison.Ordinal);

        var request = TestData.Parse(text);

        Assert.Equal("z9hG4bK776asdhds", request.TopVia.Branch);
    }

    [Fact]
    public void Response_ViaNotSip20_StillParses()
    {
        // Only requests are judged: a response's Vias are ours, and one we do not know is dropped by matching.
        var response = TestData.Parse("SIP/2.0 200 OK\nVia: SIP/3.0/UDP a.example.com;branch=z9hG4bK1\nFrom: <sip:a@b>;tag=1\nTo: <sip:a@b>;tag=2\nCall-ID: c\nCSeq: 1 OPTIONS\nContent-Length: 0\n\n");

        Assert.Equal("3.0", response.TopVia.ProtocolVersion);
    }

    [Theory]
    [InlineData("To: Bob <sip:bob@example.com>;tag=a;tag=b", "Bad To")]
    [InlineData("To: Bob <sip:bob@example.com>;tag=a;TAG=a", "Bad To")]
    [InlineData("From: Alice <sip:alice@example.com>;tag=1928301774;tag=2", "Bad From")]
    public void Request_TwoTags_FailsWith400AndIsAnsweredWithTheHeaderAsSent(string line, string reason)
    {
        var name = line[..line.IndexOf(':', StringComparison.Ordinal)];
        var original = name == "To" ? "To: Bob <sip:bob@example.com>" : "From: Alice <sip:alice@example.com>;tag=1928301774";
        var datagram = TestData.Crlf(TestData.Options.Replace(original, line, StringComparison.Ordinal));

        var ok = SipParser.TryParse(datagram, SipParserLimits.Default, out _, out var error);

        Assert.False(ok);
        Assert.Equal(reason, error.Reason);
        Assert.True(error.CanRespond);
        Assert.True(SipResponseBuilder.TryCreateForMalformedRequest(datagram, error, "t1", out var response));
        Assert.Equal(400, response.StatusCode);
        Assert.Equal(line[(name.Length + 2)..], name == "To" ? response.To.ToString() : response.From.ToString());
    }

    [Fact]
    public void Request_OneTagAndOtherParameters_Parses()
    {
        var request = TestData.Parse(TestData.Options.Replace("To: Bob <sip:bob@example.com>", "To: Bob <sip:bob@example.com>;tag=a;x-tag=b", StringComparison.Ordinal));

        Assert.Equal("a", request.To.Tag);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Request_SeventyVias_ParsesAndTheResponseCopiesEveryOneInOrder(bool commaJoined)
    {
        var vias = Enumerable.Range(0, 70).Select(i => $"SIP/2.0/UDP proxy{i}.example.com:5060;branch=z9hG4bK{i};received=10.0.0.{i}").ToList();
        var request = Assert.IsType<SipRequest>(SipParser.Parse(OptionsWithVias(vias, commaJoined)));

        var response = SipResponseBuilder.ForRequest(request, 200, toTag: "t").Build();

        Assert.Equal(70, request.Vias.Count);
        Assert.Equal(vias, response.Vias.Select(v => v.ToString()));
    }

    [Fact]
    public void Request_MoreViasThanTheLimit_FailsButIsAnsweredWith400AndEveryVia()
    {
        var vias = Enumerable.Range(0, 101).Select(i => $"SIP/2.0/UDP proxy{i}.example.com;branch=z9hG4bK{i}").ToList();
        var datagram = OptionsWithVias(vias, commaJoined: true);

        var ok = SipParser.TryParse(datagram, SipParserLimits.Default, out _, out var error);

        Assert.False(ok);
        Assert.Equal(SipParseErrorKind.TooManyVias, error.Kind);
        Assert.True(error.CanRespond);
        Assert.True(SipResponseBuilder.TryCreateForMalformedRequest(datagram, error, "t1", out var response));
        Assert.Equal("SIP/2.0 400 Too Many Via Headers", response.ToString());
        Assert.Equal(vias, response.Vias.Select(v => v.ToString()));
    }

    [Fact]
    public void Request_ViasAtAConfiguredLimit_ParseAndOneMoreFails()
    {
        var vias = Enumerable.Range(0, 8).Select(i => $"SIP/2.0/UDP p{i}.example.com;branch=z9hG4bK{i}").ToList();

        Assert.True(SipParser.TryParse(OptionsWithVias(vias, false), new SipParserLimits { MaxViaCount = 8 }, out _, out _));
        Assert.False(SipParser.TryParse(OptionsWithVias(vias, false), new SipParserLimits { MaxViaCount = 7 }, out _, out var error));
        Assert.Equal(SipParseErrorKind.TooManyVias, error.Kind);
    }

    private static byte[] OptionsWithVias(IReadOnlyList<string> vias, bool commaJoined)
    {
        var lines = commaJoined ? "Via: " + string.Join(", ", vias) : string.Join("\n", vias.Select(v => "Via: " + v));
        return TestData.Crlf(TestData.Options.Replace("Via: SIP/2.0/UDP pc33.example.com;branch=z9hG4bK776asdhds", lines, StringComparison.Ordinal));
    }
}
