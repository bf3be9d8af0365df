using System.Text;
using ContactCenter.Sip.Syntax.Headers;

namespace ContactCenter.Sip.Syntax.Tests.Headers;

public sealed class AuthHeaderParserTests
{
    [Theory]
    [InlineData("Digest realm=\"atlanta.com\", nonce=\"84a4cc6f3082121f32b42a2187831a9e\", qop=\"auth\", algorithm=MD5, stale=FALSE", "realm", "atlanta.com")]
    [InlineData("Digest realm=\"atlanta.com\", nonce=\"84a4\", qop=\"auth\", algorithm=MD5", "algorithm", "MD5")]
    [InlineData("Digest username=\"bob\",realm=\"x\",uri=\"sip:a@b.c;transport=tcp\",response=\"d\",nc=00000001", "uri", "sip:a@b.c;transport=tcp")]
    [InlineData("Digest username=\"quote \\\" inside, with comma\", realm=\"r\"", "username", "quote \" inside, with comma")]
    [InlineData("Digest  REALM = \"spaced\" ,  nonce=\"n\"", "realm", "spaced")]
    [InlineData("NoOneKnowsThisScheme opaque-data=here", "opaque-data", "here")]
    public void TryParse_Valid_GetsUnquotedParameter(string value, string name, string expected)
    {
        var ok = AuthHeaderParser.TryParse(Encoding.UTF8.GetBytes(value), out var header);

        Assert.True(ok);
        Assert.True(header!.TryGet(name, out var actual));
        Assert.Equal(expected, actual);
    }

    [Theory]
    [InlineData("")]
    [InlineData("Digest realm")]
    [InlineData("Digest realm=\"open")]
    [InlineData("Digest realm=two words")]
    [InlineData("Dig est realm=x")]
    [InlineData("Digest =x")]
    [InlineData("Digest realm=\"a\"junk")]
    public void TryParse_Invalid_ReturnsFalse(string value)
    {
        var ok = AuthHeaderParser.TryParse(Encoding.UTF8.GetBytes(value), out _);

        Assert.False(ok);
    }

    [Fact]
    public void TryGet_MissingParameter_ReturnsFalse()
    {
        Assert.True(AuthHeaderParser.TryParse("Digest realm=\"r\""u8, out var header));

        Assert.False(header!.TryGet("nonce", out _));
        Assert.True(header.IsScheme("DIGEST"));
    }

    [Fact]
    public void ToString_Credentials_RedactsSecretsButHeaderValueKeepsThem()
    {
        var header = SipAuthHeader.Create("Digest",
        [
            new SipParameter("username", SipAuthHeader.QuoteValue("bob")),
            new SipParameter("nonce", SipAuthHeader.QuoteValue("abc")),
            new SipParameter("response", SipAuthHeader.QuoteValue("6629fae49393a05397450978507c4ef1")),
        ]);

        Assert.DoesNotContain("6629fae4", header.ToString(), StringComparison.Ordinal);
        Assert.Contains("username=\"bob\"", header.ToString(), StringComparison.Ordinal);
        Assert.Equal("Digest username=\"bob\", nonce=\"abc\", response=\"6629fae49393a05397450978507c4ef1\"", header.ToHeaderValue());
    }
}
