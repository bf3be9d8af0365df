using ContactCenter.Sip.Syntax.Headers;

namespace ContactCenter.Sip.Syntax.Tests;

/// <summary>RFC 4475 torture messages (typed from the RFC's descriptions) and random mutations.</summary>
public sealed class SipParserTortureTests
{
    public static TheoryData<string> ValidFiles() => [.. TestData.Files("Valid").Concat(TestData.Files("Samples"))];

    public static TheoryData<string> InvalidFiles() => [.. TestData.Files("Invalid")];

    [Theory]
    [MemberData(nameof(ValidFiles))]
    public void TryParse_ValidTortureMessage_Succeeds(string file)
    {
        var ok = SipParser.TryParse(TestData.Load(file), SipParserLimits.Default, out var message, out var error);

        Assert.True(ok, $"{file}: {error}");
        Assert.NotEmpty(message!.Vias);
        Assert.NotNull(message.From.Uri);
        Assert.NotNull(message.To.Uri);
        Assert.NotEmpty(message.CallId);
        _ = message.CSeq;
        _ = message.Contacts;
        _ = message.Routes;
    }

    [Theory]
    [MemberData(nameof(InvalidFiles))]
    public void TryParse_InvalidTortureMessage_FailsWithReason(string file)
    {
        var ok = SipParser.TryParse(TestData.Load(file), SipParserLimits.Default, out _, out var error);

        Assert.False(ok, file);
        Assert.NotEqual(SipParseErrorKind.None, error.Kind);
        Assert.False(string.IsNullOrEmpty(error.Reason));
    }

    [Theory]
    [InlineData("Invalid/badvers.sip", SipParseErrorKind.VersionNotSupported, 505)]
    [InlineData("Invalid/clerr.sip", SipParseErrorKind.ContentLengthExceedsBody, 400)]
    [InlineData("Invalid/ncl.sip", SipParseErrorKind.BadHeaderValue, 400)]
    [InlineData("Invalid/ltgtruri.sip", SipParseErrorKind.BadRequestUri, 400)]
    [InlineData("Invalid/lwsruri.sip", SipParseErrorKind.BadRequestUri, 400)]
    [InlineData("Invalid/lwsstart.sip", SipParseErrorKind.BadRequestUri, 400)]
    [InlineData("Invalid/mcl01.sip", SipParseErrorKind.DuplicateHeader, 400)]
    [InlineData("Invalid/insuf.sip", SipParseErrorKind.MissingHeader, 400)]
    [InlineData("Invalid/bext01-nocolon.sip", SipParseErrorKind.BadHeaderLine, 400)]
    public void TryParse_InvalidTortureMessage_ReportsKindAndStatus(string file, SipParseErrorKind kind, int status)
    {
        var ok = SipParser.TryParse(TestData.Load(file), SipParserLimits.Default, out _, out var error);

        Assert.False(ok);
        Assert.Equal(kind, error.Kind);
        Assert.Equal(status, error.StatusCode);
    }

    [Fact]
    public void TryParse_Wsinv_ReadsThroughTheWhitespace()
    {
        var request = Assert.IsType<SipRequest>(SipParser.Parse(TestData.Load("Valid/wsinv.sip")));

        Assert.Equal("1918181833n", request.To.Tag);
        Assert.Equal("J Rosenberg \\\"", request.From.DisplayName);
        Assert.Equal("98asjd8", request.From.Tag);
        Assert.Equal(68, request.MaxForwards);
        Assert.Equal(new SipCSeq(9, SipMethod.Invite), request.CSeq);
        Assert.Equal(["192.0.2.2", "spindle.example.com", "192.168.255.111"], request.Vias.Select(v => v.Host));
        Assert.Equal("z9hG4bK30239", request.Vias[2].Branch);
        Assert.Equal(0.33, Assert.Single(request.Contacts).Q);
        Assert.Equal(150, request.Body.Length);
    }

    [Fact]
    public void TryParse_Esc01_UnescapesUserParts()
    {
        var request = Assert.IsType<SipRequest>(SipParser.Parse(TestData.Load("Valid/esc01.sip")));

        Assert.Equal("sips:user@example.com", request.RequestUri.User);
        Assert.Equal("user", request.To.Uri.User);
        Assert.Equal("I have spaces", request.From.Uri.User);
        Assert.Equal("caller", request.Contacts[0].Uri.User);
    }

    [Fact]
    public void TryParse_Intmeth_KeepsUnusualMethodAndHeader()
    {
        var request = Assert.IsType<SipRequest>(SipParser.Parse(TestData.Load("Valid/intmeth.sip")));

        Assert.Equal("!interesting-Method0123456789_*+`.%indeed'~", request.Method.Name);
        Assert.Equal(request.Method, request.CSeq.Method);
        Assert.Equal("&it+has=1,weird!*pas$wo~d_too.(doesn't-it)", request.RequestUri.Password);
        Assert.True(request.Headers.TryGetFirst("extensionHeader-!.%*+_`'~", out var ext));
        Assert.Equal("\uFEFF大停電", ext.GetValueString());
    }

    [Fact]
    public void TryParse_Unksm_KeepsUnknownSchemeAsText()
    {
        var request = Assert.IsType<SipRequest>(SipParser.Parse(TestData.Load("Valid/unksm.sip")));

        Assert.Equal(SipUriScheme.Other, request.RequestUri.Scheme);
        Assert.Equal("nobodyKnowsThisScheme:totallyopaquecontent", request.RequestUri.ToString());
    }

    [Fact]
    public void TryParse_RandomMutations_NeverThrow()
    {
        var random = new Random(4475);
        var seeds = TestData.Files("Valid").Concat(TestData.Files("Samples")).Select(TestData.Load).ToArray();
        ReadOnlySpan<byte> interesting = "\r\n :;,<>\"\\@=%[]?&/0-9aZ\t\0\u00ff"u8;
        var parsed = 0;

        for (var i = 0; i < 5000; i++)
        {
            var bytes = (byte[])seeds[i % seeds.Length].Clone();
            var mutations = 1 + random.Next(4);
            for (var m = 0; m < mutations; m++)
            {
                var at = random.Next(bytes.Length);
                switch (random.Next(3))
                {
                    case 0:
                        bytes[at] = interesting[random.Next(interesting.Length)];
                        break;
                    case 1:
                        bytes[at] = (byte)random.Next(256);
                        break;
                    default:
                        bytes = bytes[..at];
                        break;
                }

                if (bytes.Length == 0)
                {
                    break;
                }
            }

            if (SipParser.TryParse(bytes, SipParserLimits.Default, out var message, out _))
            {
                parsed++;
                TouchEverything(message);
            }
        }

        Assert.InRange(parsed, 1, 4999);
    }

    private static void TouchEverything(SipMessage message)
    {
        // Whatever parsed must be fully readable through the typed accessors.
        _ = message.Vias.Select(v => (v.Branch, v.RPort, v.Ttl)).ToList();
        _ = (message.From.Tag, message.To.Tag, message.CallId, message.CSeq, message.MaxForwards, message.ContentLength);
        _ = message.Contacts.Select(c => (c.Q, c.Expires)).ToList();
        _ = (message.Routes.Count, message.RecordRoutes.Count);
        _ = message.TryGetContentType(out _);
        _ = message.TryGetAuthHeaders(SipHeaderKind.Authorization, out _);
        if (message is SipRequest request)
        {
            _ = request.RequestUri.Parameters.Count;
            _ = request.ToBuilder().Build();
        }
        else
        {
            _ = ((SipResponse)message).ToBuilder().Build();
        }
    }
}
