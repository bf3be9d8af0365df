using System.Text;

namespace ContactCenter.Sip.Syntax.Tests;

public sealed class SipHeaderNamesTests
{
    [Theory]
    [InlineData("a", SipHeaderKind.AcceptContact)]
    [InlineData("b", SipHeaderKind.ReferredBy)]
    [InlineData("c", SipHeaderKind.ContentType)]
    [InlineData("d", SipHeaderKind.RequestDisposition)]
    [InlineData("e", SipHeaderKind.ContentEncoding)]
    [InlineData("f", SipHeaderKind.From)]
    [InlineData("i", SipHeaderKind.CallId)]
    [InlineData("j", SipHeaderKind.RejectContact)]
    [InlineData("k", SipHeaderKind.Supported)]
    [InlineData("l", SipHeaderKind.ContentLength)]
    [InlineData("m", SipHeaderKind.Contact)]
    [InlineData("o", SipHeaderKind.Event)]
    [InlineData("r", SipHeaderKind.ReferTo)]
    [InlineData("s", SipHeaderKind.Subject)]
    [InlineData("t", SipHeaderKind.To)]
    [InlineData("u", SipHeaderKind.AllowEvents)]
    [InlineData("v", SipHeaderKind.Via)]
    [InlineData("x", SipHeaderKind.SessionExpires)]
    [InlineData("y", SipHeaderKind.Identity)]
    [InlineData("V", SipHeaderKind.Via)]
    [InlineData("call-id", SipHeaderKind.CallId)]
    [InlineData("CALL-ID", SipHeaderKind.CallId)]
    [InlineData("cseq", SipHeaderKind.CSeq)]
    [InlineData("www-authenticate", SipHeaderKind.WwwAuthenticate)]
    [InlineData("P-Asserted-Identity", SipHeaderKind.PAssertedIdentity)]
    [InlineData("X-Custom", SipHeaderKind.Unknown)]
    [InlineData("g", SipHeaderKind.Unknown)]
    [InlineData("Vias", SipHeaderKind.Unknown)]
    [InlineData("", SipHeaderKind.Unknown)]
    [InlineData("Call\rID", SipHeaderKind.Unknown)]
    [InlineData("Max\u000dForwards", SipHeaderKind.Unknown)]
    [InlineData("Max_Forwards", SipHeaderKind.Unknown)]
    [InlineData("@ia", SipHeaderKind.Unknown)]
    [InlineData("V\u0009a", SipHeaderKind.Unknown)]
    [InlineData("A-Very-Long-Header-Name-Beyond-The-Table", SipHeaderKind.Unknown)]
    public void Lookup_NameOrCompactForm_FindsKindIgnoringCase(string name, SipHeaderKind expected)
    {
        var kind = SipHeaderNames.Lookup(Encoding.ASCII.GetBytes(name));

        Assert.Equal(expected, kind);
    }

    [Fact]
    public void Lookup_EveryKnownName_IgnoresCaseOfEachLetter()
    {
        var kinds = Enum.GetValues<SipHeaderKind>().Where(k => k != SipHeaderKind.Unknown);

        Assert.All(kinds, k =>
        {
            var name = SipHeaderNames.GetName(k)!;
            Assert.Equal(k, SipHeaderNames.Lookup(Encoding.ASCII.GetBytes(name.ToUpperInvariant())));
            Assert.Equal(k, SipHeaderNames.Lookup(Encoding.ASCII.GetBytes(name.ToLowerInvariant())));
            Assert.Equal(SipHeaderKind.Unknown, SipHeaderNames.Lookup(Encoding.ASCII.GetBytes(name + "x")));
            Assert.Equal(SipHeaderKind.Unknown, SipHeaderNames.Lookup(Encoding.ASCII.GetBytes("x" + name[1..])));
        });
    }

    [Fact]
    public void GetName_EveryKnownKind_RoundTripsThroughLookup()
    {
        var kinds = Enum.GetValues<SipHeaderKind>().Where(k => k != SipHeaderKind.Unknown);

        Assert.All(kinds, k => Assert.Equal(k, SipHeaderNames.Lookup(SipHeaderNames.GetName(k)!)));
    }

    [Theory]
    [InlineData(SipHeaderKind.Via, 'v')]
    [InlineData(SipHeaderKind.Contact, 'm')]
    [InlineData(SipHeaderKind.CSeq, null)]
    public void GetCompactForm_Kind_ReturnsLetterOrNull(SipHeaderKind kind, char? expected)
    {
        var compact = SipHeaderNames.GetCompactForm(kind);

        Assert.Equal(expected, compact);
    }
}
