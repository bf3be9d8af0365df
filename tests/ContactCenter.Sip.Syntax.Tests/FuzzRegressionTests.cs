using System.Buffers;
using System.Text;
using ContactCenter.Sip.Syntax.Building;
using ContactCenter.Sip.Syntax.Headers;

namespace ContactCenter.Sip.Syntax.Tests;

/// <summary>
/// Inputs the fuzzer (bench/fuzz/run.sh) found making a parser throw or answer wrongly, kept under
/// Data/fuzz/TARGET/: every one must parse or fail with a parse result, never throw.
/// </summary>
public sealed class FuzzRegressionTests
{
    public static TheoryData<string> Inputs() =>
        [.. Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "Data", "fuzz"), "*", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(Path.Combine(AppContext.BaseDirectory, "Data"), f))
            .Order(StringComparer.Ordinal)];

    [Theory]
    [MemberData(nameof(Inputs))]
    public void FuzzInput_ParsesOrFailsWithoutThrowing(string file)
    {
        var data = TestData.Load(file);
        var target = file.Split(Path.DirectorySeparatorChar)[1];

        var exception = Record.Exception(() => Run(target, data));

        Assert.Null(exception);
    }

    [Fact]
    public void MalformedRequest_BareCrInsideACoreHeaderLine_AnsweredWithoutThatLine()
    {
        // The Via line is readable, but the "Max-Forwards" line holds a bare CR: the 400 must not carry it (nor throw).
        var datagram = "OPTIONS sip:a@b SIP/2.0\r\nVia: SIP/2.0/UDP h;branch=z9hG4bK1\r\nVia: SIP/2.0/UDP x\ry;branch=z9hG4bK2\r\n"
            + "From: <sip:a@b>;tag=1\r\nTo: <sip:a@b>\r\nCall-ID: c\r\nCSeq: 1 OPTIONS\r\nMax-Forwards: x\r\n\r\n";
        var bytes = Encoding.ASCII.GetBytes(datagram);
        Assert.False(SipParser.TryParse(bytes, out _, out var error));
        Assert.False(error.CanRespond); // the transport drops it; the public builder must still not throw when asked

        var answered = SipResponseBuilder.TryCreateForMalformedRequest(bytes, error with { ReadableHeaders = SipCoreHeaders.All }, "t", out var response);

        Assert.True(answered);
        Assert.Equal(400, response!.StatusCode);
        Assert.Equal("z9hG4bK1", Assert.Single(response.Vias).Branch);
    }

    [Fact]
    public void Request_BareCrInAQuotedDisplayName_FailsSoThatNoAnswerCopiesIt()
    {
        // Parsed before, the request made SipResponseBuilder.ForRequest throw while answering it.
        var text = Encoding.ASCII.GetString(TestData.Crlf(TestData.Options)).Replace("From: Alice", "From: \"Ali\rce\"", StringComparison.Ordinal);

        Assert.False(SipParser.TryParse(Encoding.ASCII.GetBytes(text), out _, out var error));

        Assert.Equal(SipParseErrorKind.BadHeaderLine, error.Kind);
        Assert.Equal("Bare CR in Header Line", error.Reason);
    }

    [Fact]
    public void Uri_QuestionMarkInTheUserPart_ParametersChangedAfterTheHost()
    {
        var uri = SipUri.Parse(Encoding.ASCII.GetString(TestData.Load(Path.Combine("fuzz", "sip-uri", "question-mark-in-user-part.txt"))));

        var changed = uri.WithParameter("lr", null);

        Assert.Equal(uri.User, changed.User);
        Assert.Equal("example.com", changed.Host);
        Assert.True(changed.IsLooseRouter);
    }

    [Theory]
    [InlineData("sip:alice@example.com;transport=udp;transport=tcp")]
    [InlineData("sip:alice@example.com;lr;LR")]
    [InlineData("sip:Qip;xwx=uQip;xwx=u%40%40")]
    public void Uri_ParameterGivenTwice_Rejected(string text)
    {
        Assert.False(SipUriParser.TryParse(Encoding.ASCII.GetBytes(text), out _));
    }

    [Fact]
    public void Uri_SixtyFiveParameters_Rejected()
    {
        var many = "sip:alice@example.com" + string.Concat(Enumerable.Range(0, 65).Select(i => $";p{i}"));

        Assert.False(SipUriParser.TryParse(Encoding.ASCII.GetBytes(many), out _));
        Assert.True(SipUriParser.TryParse(Encoding.ASCII.GetBytes(many[..many.LastIndexOf(';')]), out _));
    }

    [Fact]
    public void Uri_SameHeaderTwiceWithDifferentValues_EquivalentToItself()
    {
        var uri = SipUri.Parse("sip:alice@example.com?Route=%3Csip:a%3E&Route=%3Csip:b%3E");

        Assert.True(uri.IsEquivalentTo(SipUri.Parse(uri.ToString())));
        Assert.False(uri.IsEquivalentTo(SipUri.Parse("sip:alice@example.com?Route=%3Csip:b%3E&Route=%3Csip:b%3E")));
    }

    private static void Run(string target, byte[] data)
    {
        switch (target)
        {
            case "sip-message":
                if (SipParser.TryParse(data, out var message, out var error))
                {
                    _ = (message.Vias, message.From, message.To, message.CallId, message.CSeq, message.Contacts, message.Routes);
                    Assert.True(message.TryWrite(new ArrayBufferWriter<byte>()));
                }
                else
                {
                    Assert.NotEqual(SipParseErrorKind.None, error.Kind);
                    _ = SipResponseBuilder.TryCreateForMalformedRequest(data, error, "t", out _);
                }

                break;
            case "sip-uri":
                if (SipUriParser.TryParse(data, out var uri))
                {
                    Assert.True(uri.IsEquivalentTo(SipUri.Parse(uri.ToString())));
                    _ = uri.Scheme == SipUriScheme.Other ? uri : uri.WithParameter("lr", null);
                }

                break;
            case "name-addr":
                _ = NameAddrParser.TryParse(data, out var address) && address.Tag is not null;
                break;
            case "via":
                _ = ViaParser.TryParse(data, out var via) && via.RPort is not null;
                break;
            default:
                Assert.Fail($"No target named {target}.");
                break;
        }
    }
}
