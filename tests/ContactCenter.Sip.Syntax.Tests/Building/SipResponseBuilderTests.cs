using System.Text;
using ContactCenter.Sip.Syntax.Building;

namespace ContactCenter.Sip.Syntax.Tests.Building;

public sealed class SipResponseBuilderTests
{
    private static SipRequest Invite() => Assert.IsType<SipRequest>(SipParser.Parse(TestData.Load("Samples/invite.sip")));

    [Fact]
    public void ForRequest_Ringing_CopiesRfc3261HeadersAndAddsToTag()
    {
        var request = Invite();

        var response = SipResponseBuilder.ForRequest(request, SipStatusCodes.Ringing, toTag: "as7d8").Build();

        Assert.Equal("SIP/2.0 180 Ringing", response.ToString());
        Assert.Equal(request.Vias.Select(v => v.ToString()), response.Vias.Select(v => v.ToString()));
        Assert.Equal(request.From.ToString(), response.From.ToString());
        Assert.Equal("as7d8", response.To.Tag);
        Assert.Equal(request.To.Uri.ToString(), response.To.Uri.ToString());
        Assert.Equal(request.CallId, response.CallId);
        Assert.Equal(request.CSeq, response.CSeq);
        Assert.Equal(0, response.ContentLength);
        Assert.False(response.Headers.Contains(SipHeaderKind.RecordRoute));
        Assert.False(response.Headers.Contains("X-Campaign-Id"));
    }

    [Fact]
    public void ForRequest_ToAlreadyTagged_KeepsExistingTag()
    {
        var request = Assert.IsType<SipRequest>(TestData.Parse(TestData.Options.Replace("To: Bob <sip:bob@example.com>", "To: Bob <sip:bob@example.com>;tag=existing", StringComparison.Ordinal)));

        var response = SipResponseBuilder.ForRequest(request, 200, toTag: "new").Build();

        Assert.Equal("existing", response.To.Tag);
    }

    [Fact]
    public void ForRequest_Trying_CopiesTimestamp()
    {
        var request = Assert.IsType<SipRequest>(TestData.Parse(TestData.Options.Replace("Max-Forwards: 70", "Timestamp: 54.3\nMax-Forwards: 70", StringComparison.Ordinal)));

        var trying = SipResponseBuilder.ForRequest(request, 100).Build();
        var ok = SipResponseBuilder.ForRequest(request, 200).Build();

        Assert.True(trying.Headers.TryGetFirst(SipHeaderKind.Timestamp, out var timestamp));
        Assert.Equal("54.3", timestamp.GetValueString());
        Assert.False(ok.Headers.Contains(SipHeaderKind.Timestamp));
    }

    [Theory]
    [InlineData(486, null, "Busy Here")]
    [InlineData(404, "No Such Agent", "No Such Agent")]
    [InlineData(499, null, "Client Error")]
    public void ForRequest_Status_UsesGivenOrDefaultReason(int status, string? reason, string expected)
    {
        var response = SipResponseBuilder.ForRequest(Invite(), status, reason, "t").Build();

        Assert.Equal(expected, response.ReasonPhrase);
        Assert.Equal(status, response.StatusCode);
    }

    [Fact]
    public void TryCreateForMalformedRequest_BadMaxForwards_Answers400WithCoreHeaders()
    {
        var bytes = TestData.Crlf(TestData.Options.Replace("Max-Forwards: 70", "Max-Forwards: lots", StringComparison.Ordinal));
        Assert.False(SipParser.TryParse(bytes, SipParserLimits.Default, out _, out var error));

        var ok = SipResponseBuilder.TryCreateForMalformedRequest(bytes, error, "t1", out var response);

        Assert.True(ok);
        Assert.Equal(400, response!.StatusCode);
        Assert.Equal("Bad Max-Forwards", response.ReasonPhrase);
        Assert.Equal("a84b4c76e66710@pc33.example.com", response.CallId);
        Assert.Equal("t1", response.To.Tag);
    }

    [Fact]
    public void TryCreateForMalformedRequest_HeaderLineWithoutColonAfterCoreHeaders_Answers400()
    {
        // What a broken client (or a scenario typo) sends: a stray line after the core headers.
        var bytes = TestData.Crlf(TestData.Options.Replace("CSeq: 63104 OPTIONS", "CSeq: 63104 OPTIONS\n1001[authentication username= password=x]", StringComparison.Ordinal));
        Assert.False(SipParser.TryParse(bytes, SipParserLimits.Default, out _, out var error));

        var ok = SipResponseBuilder.TryCreateForMalformedRequest(bytes, error, "t1", out var response);

        Assert.True(error.CanRespond);
        Assert.True(ok);
        Assert.Equal(400, response!.StatusCode);
        Assert.Equal("Bad Header Line", response.ReasonPhrase);
        Assert.Equal("a84b4c76e66710@pc33.example.com", response.CallId);
    }

    [Fact]
    public void TryCreateForMalformedRequest_UnsupportedVersion_Answers505()
    {
        var bytes = TestData.Load("Invalid/badvers.sip");
        Assert.False(SipParser.TryParse(bytes, SipParserLimits.Default, out _, out var error));

        var ok = SipResponseBuilder.TryCreateForMalformedRequest(bytes, error, "t1", out var response);

        Assert.True(ok);
        Assert.Equal(505, response!.StatusCode);
    }

    [Fact]
    public void TryCreateForMalformedRequest_MissingCallId_ReturnsFalse()
    {
        var bytes = TestData.Load("Invalid/insuf.sip");
        Assert.False(SipParser.TryParse(bytes, SipParserLimits.Default, out _, out var error));

        var ok = SipResponseBuilder.TryCreateForMalformedRequest(bytes, error, "t1", out var response);

        Assert.False(ok);
        Assert.Null(response);
    }

    [Fact]
    public void ToBuilder_Response_ChangesStatusKeepsBody()
    {
        var response = Assert.IsType<SipResponse>(SipParser.Parse(TestData.Load("Samples/ok.sip")));

        var changed = response.ToBuilder().SetStatus(183).Build();

        Assert.Equal("Session Progress", changed.ReasonPhrase);
        Assert.Equal(Encoding.ASCII.GetString(response.Body.Span), Encoding.ASCII.GetString(changed.Body.Span));
    }
}
