using System.Text;
using ContactCenter.Sip.Syntax.Headers;

namespace ContactCenter.Sip.Syntax.Tests;

public sealed class SipParserTests
{
    [Fact]
    public void TryParse_TypicalInvite_ExposesCoreHeaders()
    {
        var bytes = TestData.Load("Samples/invite.sip");

        var ok = SipParser.TryParse(bytes, SipParserLimits.Default, out var message, out _);

        Assert.True(ok);
        var request = Assert.IsType<SipRequest>(message);
        Assert.Equal(SipMethod.Invite, request.Method);
        Assert.Equal("4000", request.RequestUri.User);
        Assert.Equal("udp", request.RequestUri.Transport);
        Assert.Equal(2, request.Vias.Count);
        Assert.Equal("z9hG4bKnashds8", request.TopVia.Branch);
        Assert.True(request.TopVia.HasRPort);
        Assert.Null(request.TopVia.RPort);
        Assert.Equal("192.0.2.1", request.Vias[1].Received);
        Assert.Equal("Alice Agent", request.From.DisplayName);
        Assert.Equal("1928301774", request.From.Tag);
        Assert.Null(request.To.Tag);
        Assert.Equal("a84b4c76e66710@10.0.0.5", request.CallId);
        Assert.Equal(new SipCSeq(314159, SipMethod.Invite), request.CSeq);
        Assert.Equal(70, request.MaxForwards);
        Assert.Equal(3600, Assert.Single(request.Contacts).Expires);
        Assert.Equal(["sip:proxy1.example.com;lr", "sip:proxy2.example.com;lr"], request.RecordRoutes.Select(r => r.Uri.ToString()));
        Assert.Empty(request.Routes);
        Assert.Equal(request.ContentLength, request.Body.Length);
        Assert.StartsWith("v=0", Encoding.ASCII.GetString(request.Body.Span), StringComparison.Ordinal);
    }

    [Fact]
    public void TryParse_Response_ExposesStatusAndReason()
    {
        var response = Assert.IsType<SipResponse>(SipParser.Parse(TestData.Load("Samples/ok.sip")));

        Assert.Equal(200, response.StatusCode);
        Assert.Equal("OK", response.ReasonPhrase);
        Assert.True(response.IsSuccess);
        Assert.Equal(5060, response.TopVia.RPort);
        Assert.Equal("a6c85cf", response.To.Tag);
    }

    [Fact]
    public void TryParse_FoldedHeaderLine_JoinsContinuation()
    {
        var message = TestData.Parse(TestData.Options.Replace("Max-Forwards: 70", "Subject: first\n   second\n\tthird\nMax-Forwards: 70", StringComparison.Ordinal));

        Assert.True(message.Headers.TryGetFirst("Subject", out var subject));
        Assert.DoesNotContain('\n', subject.GetValueString());
        Assert.Equal(["first", "second", "third"], subject.GetValueString().Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries));
    }

    [Fact]
    public void TryParse_FoldedCoreHeader_ParsesAsOneLine()
    {
        var message = TestData.Parse(TestData.Options.Replace("CSeq: 63104 OPTIONS", "CSeq: 63104\n OPTIONS", StringComparison.Ordinal));

        Assert.Equal(new SipCSeq(63104, SipMethod.Options), message.CSeq);
    }

    [Theory]
    [InlineData("v", SipHeaderKind.Via)]
    [InlineData("f", SipHeaderKind.From)]
    [InlineData("t", SipHeaderKind.To)]
    [InlineData("i", SipHeaderKind.CallId)]
    [InlineData("I", SipHeaderKind.CallId)]
    public void TryParse_CompactHeaderNames_MapToCoreHeaders(string compact, SipHeaderKind kind)
    {
        var full = SipHeaderNames.GetName(kind)!;
        var text = TestData.Options.Replace(full + ":", compact + ":", StringComparison.Ordinal);

        var message = TestData.Parse(text);

        Assert.True(message.Headers.TryGetFirst(kind, out var header));
        Assert.Equal(full, header.Name);
        Assert.Equal(compact, Encoding.ASCII.GetString(header.RawName.Span));
    }

    [Fact]
    public void TryParse_CommaJoinedAndRepeatedVias_ListsAllInOrder()
    {
        var text = TestData.Options.Replace(
            "Via: SIP/2.0/UDP pc33.example.com;branch=z9hG4bK776asdhds",
            "Via: SIP/2.0/UDP a.example.com;branch=z9hG4bKa, SIP/2.0/TCP b.example.com:5070;branch=z9hG4bKb\nVia: SIP/2.0/TLS [2001:db8::1]:5061;branch=z9hG4bKc",
            StringComparison.Ordinal);

        var vias = TestData.Parse(text).Vias;

        Assert.Equal(["a.example.com", "b.example.com", "[2001:db8::1]"], vias.Select(v => v.Host));
        Assert.Equal(["UDP", "TCP", "TLS"], vias.Select(v => v.Transport));
        Assert.Equal([null, 5070, 5061], vias.Select(v => v.Port));
    }

    [Fact]
    public void TryParse_ContactsWithCommasInQuotesAndBrackets_SplitsOnlyBetweenElements()
    {
        var text = TestData.Options.Replace("Max-Forwards: 70",
            "Contact: \"Smith, John\" <sip:john@example.com>;q=0.5;note=\"a, b\", <sip:other@example.com>\nMax-Forwards: 70", StringComparison.Ordinal);

        var contacts = TestData.Parse(text).Contacts;

        Assert.Equal(2, contacts.Count);
        Assert.Equal("Smith, John", contacts[0].DisplayName);
        Assert.Equal(0.5, contacts[0].Q);
        Assert.Equal("other", contacts[1].Uri.User);
    }

    [Fact]
    public void TryParse_ContactWildcard_IsReported()
    {
        var text = TestData.Options.Replace("Max-Forwards: 70", "Contact: *\nExpires: 0\nMax-Forwards: 70", StringComparison.Ordinal);

        var message = TestData.Parse(text);

        Assert.True(message.IsContactWildcard);
        Assert.Empty(message.Contacts);
        Assert.True(message.TryGetExpires(out var expires));
        Assert.Equal(0, expires);
    }

    [Fact]
    public void TryParse_UnknownMethodAndHeader_KeptIntact()
    {
        var text = TestData.Options.Replace("OPTIONS", "FROBNICATE", StringComparison.Ordinal)
            .Replace("Max-Forwards: 70", "X-Weird_Header.1:   value; with \"quoted, stuff\"  \nMax-Forwards: 70", StringComparison.Ordinal);

        var request = Assert.IsType<SipRequest>(TestData.Parse(text));

        Assert.False(request.Method.IsKnown);
        Assert.Equal("FROBNICATE", request.Method.Name);
        Assert.True(request.Headers.TryGetFirst("x-weird_header.1", out var header));
        Assert.Equal(SipHeaderKind.Unknown, header.Kind);
        Assert.Equal("X-Weird_Header.1", header.Name);
        Assert.Equal("value; with \"quoted, stuff\"", header.GetValueString());
    }

    [Fact]
    public void TryParse_MethodCase_IsSignificant()
    {
        var text = TestData.Options.Replace("OPTIONS sip:", "options sip:", StringComparison.Ordinal).Replace("63104 OPTIONS", "63104 options", StringComparison.Ordinal);

        var request = Assert.IsType<SipRequest>(TestData.Parse(text));

        Assert.NotEqual(SipMethod.Options, request.Method);
        Assert.False(request.Method.IsKnown);
    }

    [Fact]
    public void TryParse_DatagramWithoutContentLength_BodyIsRest()
    {
        var text = TestData.Options.Replace("Content-Length: 0\n", string.Empty, StringComparison.Ordinal) + "hello";

        var message = TestData.Parse(text);

        Assert.Null(message.ContentLength);
        Assert.Equal("hello", Encoding.ASCII.GetString(message.Body.Span));
    }

    [Fact]
    public void TryParse_DatagramLongerThanContentLength_IgnoresExtraBytes()
    {
        var bytes = TestData.Load("Valid/dblreq.sip");

        var message = SipParser.Parse(bytes);

        Assert.Equal(SipMethod.Register, Assert.IsType<SipRequest>(message).Method);
        Assert.True(message.Body.IsEmpty);
        Assert.True(message.Bytes.Length < bytes.Length);
    }

    [Fact]
    public void TryParse_ContentLengthBeyondDatagram_FailsWithBadRequest()
    {
        var error = TestData.ParseError(TestData.Options.Replace("Content-Length: 0", "Content-Length: 10", StringComparison.Ordinal) + "short");

        Assert.Equal(SipParseErrorKind.ContentLengthExceedsBody, error.Kind);
        Assert.Equal(400, error.StatusCode);
        Assert.Equal(SipHeaderKind.ContentLength, error.Header);
    }

    [Fact]
    public void TryParse_LeadingCrlf_IsSkipped()
    {
        var message = SipParser.Parse([.. "\r\n\r\n"u8, .. TestData.Crlf(TestData.Options)]);

        Assert.StartsWith("OPTIONS", Encoding.ASCII.GetString(message.Bytes.Span), StringComparison.Ordinal);
    }

    [Fact]
    public void TryParse_BareLineFeeds_AreAccepted()
    {
        var message = SipParser.Parse(Encoding.ASCII.GetBytes(TestData.Options.ReplaceLineEndings("\n")));

        Assert.Equal("a84b4c76e66710@pc33.example.com", message.CallId);
    }

    [Fact]
    public void TryParse_MessageLargerThanLimit_Fails513()
    {
        var limits = new SipParserLimits { MaxMessageBytes = 100 };

        var ok = SipParser.TryParse(TestData.Crlf(TestData.Options), limits, out _, out var error);

        Assert.False(ok);
        Assert.Equal(SipParseErrorKind.MessageTooLarge, error.Kind);
        Assert.Equal(513, error.StatusCode);
    }

    [Fact]
    public void TryParse_TooManyHeaders_FailsAtTheLimit()
    {
        var limits = new SipParserLimits { MaxHeaderCount = 5 };

        var ok = SipParser.TryParse(TestData.Crlf(TestData.Options), limits, out _, out var error);

        Assert.False(ok);
        Assert.Equal(SipParseErrorKind.TooManyHeaders, error.Kind);
    }

    [Fact]
    public void TryParse_LineLongerThanLimit_Fails()
    {
        var limits = new SipParserLimits { MaxLineLength = 40 };

        var ok = SipParser.TryParse(TestData.Crlf(TestData.Options), limits, out _, out var error);

        Assert.False(ok);
        Assert.Equal(SipParseErrorKind.LineTooLong, error.Kind);
    }

    [Fact]
    public void TryParse_TooManyVias_FailsButCanRespond()
    {
        var vias = string.Join(", ", Enumerable.Range(0, 5).Select(i => $"SIP/2.0/UDP h{i}.example.com;branch=z9hG4bK{i}"));
        var text = TestData.Options.Replace("Max-Forwards: 70", "Via: " + vias + "\nMax-Forwards: 70", StringComparison.Ordinal);
        var limits = new SipParserLimits { MaxViaCount = 4 };

        var ok = SipParser.TryParse(TestData.Crlf(text), limits, out _, out var error);

        Assert.False(ok);
        Assert.Equal(SipParseErrorKind.TooManyVias, error.Kind);
        Assert.True(error.CanRespond);
    }

    [Fact]
    public void TryParse_BadMaxForwards_FailsButCoreHeadersReadable()
    {
        var error = TestData.ParseError(TestData.Options.Replace("Max-Forwards: 70", "Max-Forwards: seventy", StringComparison.Ordinal));

        Assert.Equal(SipParseErrorKind.BadHeaderValue, error.Kind);
        Assert.Equal(SipHeaderKind.MaxForwards, error.Header);
        Assert.True(error.CanRespond);
        Assert.Equal("Bad Max-Forwards", error.Reason);
    }

    [Fact]
    public void TryParse_MissingCallId_CannotRespond()
    {
        var error = TestData.ParseError(TestData.Options.Replace("Call-ID: a84b4c76e66710@pc33.example.com\n", string.Empty, StringComparison.Ordinal));

        Assert.Equal(SipParseErrorKind.MissingHeader, error.Kind);
        Assert.Equal(SipHeaderKind.CallId, error.Header);
        Assert.False(error.CanRespond);
        Assert.Equal(SipCoreHeaders.All & ~SipCoreHeaders.CallId, error.ReadableHeaders);
    }

    [Fact]
    public void TryParse_DuplicateFrom_Fails()
    {
        var error = TestData.ParseError(TestData.Options.Replace("Max-Forwards: 70", "From: <sip:x@example.com>;tag=2\nMax-Forwards: 70", StringComparison.Ordinal));

        Assert.Equal(SipParseErrorKind.DuplicateHeader, error.Kind);
        Assert.Equal(SipHeaderKind.From, error.Header);
    }

    [Fact]
    public void TryParse_UnsupportedVersion_Fails505AndCanRespond()
    {
        var error = TestData.ParseError(TestData.Options.Replace("OPTIONS sip:bob@example.com SIP/2.0", "OPTIONS sip:bob@example.com SIP/3.0", StringComparison.Ordinal));

        Assert.Equal(SipParseErrorKind.VersionNotSupported, error.Kind);
        Assert.Equal(505, error.StatusCode);
        Assert.True(error.CanRespond);
    }

    [Fact]
    public void TryParse_NoEndOfHeaders_FailsTruncated()
    {
        var error = TestData.ParseError("OPTIONS sip:bob@example.com SIP/2.0\nVia: SIP/2.0/UDP a.example.com;branch=z9hG4bK1\n");

        Assert.Equal(SipParseErrorKind.Truncated, error.Kind);
    }

    [Theory]
    [InlineData("")]
    [InlineData("\r\n\r\n")]
    public void TryParse_NothingButCrlf_FailsEmpty(string text)
    {
        var ok = SipParser.TryParse(Encoding.ASCII.GetBytes(text), out _, out var error);

        Assert.False(ok);
        Assert.Equal(SipParseErrorKind.Empty, error.Kind);
    }

    [Fact]
    public void Parse_Malformed_ThrowsWithError()
    {
        var ex = Assert.Throws<SipParseException>(() => SipParser.Parse("garbage\r\n\r\n"));

        Assert.Equal(SipParseErrorKind.BadStartLine, ex.Error.Kind);
    }

    [Fact]
    public void TryParse_InputChangedAfterParse_MessageUnaffected()
    {
        var bytes = TestData.Crlf(TestData.Options);
        var message = SipParser.Parse(bytes);

        bytes.AsSpan().Fill((byte)'x');

        Assert.Equal("a84b4c76e66710@pc33.example.com", message.CallId);
        Assert.Equal(bytes.Length, message.Bytes.Length);
    }

    [Fact]
    public void TryParse_NonCoreHeaders_ParsedOnRequest()
    {
        var message = SipParser.Parse(TestData.Load("Samples/register.sip"));

        Assert.True(message.TryGetAuthHeaders(SipHeaderKind.Authorization, out var auth));
        Assert.True(auth[0].TryGet("nonce", out var nonce));
        Assert.Equal("8f9a1c", nonce);
        Assert.True(message.TryGetExpires(out var expires));
        Assert.Equal(600, expires);
        Assert.False(message.TryGetMinExpires(out _));
        Assert.False(message.TryGetContentType(out _));
    }

    [Fact]
    public void TryParse_ExtensionHeaders_ParsedOnRequest()
    {
        var text = TestData.Options.Replace("Max-Forwards: 70", """
            Supported: timer, replaces
            k: norefersub
            Require: timer
            o: refer;id=93809824
            r: "Transfer" <sip:carol@example.com?Replaces=abc%40host%3Bto-tag%3D1%3Bfrom-tag%3D2>
            Replaces: 98732@sip.example.com;from-tag=r33th4x0r;to-tag=ff87ff;early-only
            x: 1800;refresher=uac
            P-Asserted-Identity: "Agent" <sip:agent@example.com>, <tel:+15551234567>
            c: application/sdp;charset=utf-8
            Max-Forwards: 70
            """, StringComparison.Ordinal);

        var message = TestData.Parse(text);

        Assert.True(message.TryGetTokens(SipHeaderKind.Supported, out var supported));
        Assert.Equal(["timer", "replaces", "norefersub"], supported);
        Assert.True(message.TryGetTokens(SipHeaderKind.Require, out var require));
        Assert.Equal(["timer"], require);
        Assert.True(message.TryGetEvent(out var ev));
        Assert.Equal(("refer", "93809824"), (ev.Package, ev.Id));
        Assert.True(message.TryGetReferTo(out var referTo));
        Assert.Equal("abc%40host%3Bto-tag%3D1%3Bfrom-tag%3D2", referTo.Uri.Headers.GetValueOrDefault("Replaces"));
        Assert.True(message.TryGetReplaces(out var replaces));
        Assert.Equal(("98732@sip.example.com", "ff87ff", "r33th4x0r", true), (replaces.CallId, replaces.ToTag, replaces.FromTag, replaces.EarlyOnly));
        Assert.True(message.TryGetSessionExpires(out var se));
        Assert.Equal((1800, "uac"), (se.Seconds, se.Refresher));
        Assert.True(message.TryGetPAssertedIdentities(out var identities));
        Assert.Equal(SipUriScheme.Tel, identities[1].Uri.Scheme);
        Assert.True(message.TryGetContentType(out var contentType));
        Assert.True(contentType.Is("application", "SDP"));
    }
}
