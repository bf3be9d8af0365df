using System.Text;

namespace ContactCenter.Sip.Syntax.Tests;

public sealed class SipUriParserTests
{
    [Theory]
    [InlineData("sip:alice@atlanta.com", SipUriScheme.Sip, "alice", null, "atlanta.com", null)]
    [InlineData("sips:alice:secretword@atlanta.com:5061;transport=tcp", SipUriScheme.Sips, "alice", "secretword", "atlanta.com", 5061)]
    [InlineData("sip:+1-212-555-1212:1234@gateway.com;user=phone", SipUriScheme.Sip, "+1-212-555-1212", "1234", "gateway.com", null)]
    [InlineData("sip:192.0.2.4", SipUriScheme.Sip, null, null, "192.0.2.4", null)]
    [InlineData("SIP:[::1]:5060", SipUriScheme.Sip, null, null, "[::1]", 5060)]
    [InlineData("sip:user@[2001:db8::10]", SipUriScheme.Sip, "user", null, "[2001:db8::10]", null)]
    [InlineData("sip:%61lice@example.com", SipUriScheme.Sip, "alice", null, "example.com", null)]
    [InlineData("sip:user;par=u%40example.net@example.com", SipUriScheme.Sip, "user;par=u@example.net", null, "example.com", null)]
    [InlineData("tel:+1-201-555-0123", SipUriScheme.Tel, "+1-201-555-0123", null, null, null)]
    [InlineData("tel:7042;phone-context=example.com", SipUriScheme.Tel, "7042", null, null, null)]
    [InlineData("sip:alice@example.com;x=%41;y%42=1?h=%43", SipUriScheme.Sip, "alice", null, "example.com", null)]
    [InlineData("sip:a%3Ab:p%40ss@example.com", SipUriScheme.Sip, "a:b", "p@ss", "example.com", null)]
    public void TryParse_ValidUri_ReadsComponents(string text, SipUriScheme scheme, string? user, string? password, string? host, int? port)
    {
        var ok = SipUriParser.TryParse(Encoding.UTF8.GetBytes(text), out var uri);

        Assert.True(ok);
        Assert.Equal((scheme, user, password, host, port), (uri!.Scheme, uri.User, uri.Password, uri.Host, uri.Port));
        Assert.Equal(text, uri.ToString());
    }

    [Theory]
    [InlineData("")]
    [InlineData("sip:")]
    [InlineData("sip:@example.com")]
    [InlineData("sip:user@")]
    [InlineData("sip:user@example.com:99999")]
    [InlineData("sip:user@example.com:")]
    [InlineData("sip:user name@example.com")]
    [InlineData("sip:user@exa mple.com")]
    [InlineData("sip:user@[::1")]
    [InlineData("sip:user@[zz::1]")]
    [InlineData("sip:us%4@example.com")]
    [InlineData("sip:alice:pa%zzss@example.com")]
    [InlineData("sip:alice@example.com;x%4=1")]
    [InlineData("sip:alice@example.com;x=1%")]
    [InlineData("sip:alice@example.com?subject=a%2")]
    [InlineData("sip:%61lice@example.com;x=1%")]
    [InlineData("sip:al#ice@example.com")]
    [InlineData("sip:al[ice@example.com")]
    [InlineData("sip:alice@exa%41mple.com")]
    [InlineData("sip:alice@example.com#frag")]
    [InlineData("sip:user@example.com;=x")]
    [InlineData("sip:user@example.com?noequals")]
    [InlineData("sip:<user@example.com>")]
    [InlineData("1sip:user@example.com")]
    [InlineData("tel:")]
    [InlineData("tel:12;x=%zz")]
    [InlineData("noscheme")]
    public void TryParse_InvalidUri_ReturnsFalse(string text)
    {
        var ok = SipUriParser.TryParse(Encoding.UTF8.GetBytes(text), out var uri);

        Assert.False(ok);
        Assert.Null(uri);
    }

    [Fact]
    public void TryParse_UriParameters_ReadsWellKnownOnes()
    {
        var uri = SipUri.Parse("sip:proxy.example.com;transport=tcp;user=phone;lr;maddr=239.255.255.1;ttl=15;method=INVITE;x-custom=1");

        Assert.Equal("tcp", uri.Transport);
        Assert.Equal("phone", uri.UserParameter);
        Assert.True(uri.IsLooseRouter);
        Assert.Equal("239.255.255.1", uri.MAddr);
        Assert.Equal(15, uri.Ttl);
        Assert.Equal("INVITE", uri.MethodParameter);
        Assert.Equal("1", uri.Parameters.GetValueOrDefault("X-CUSTOM"));
    }

    [Fact]
    public void TryParse_UriHeaders_ReadsPairs()
    {
        var uri = SipUri.Parse("sip:alice@example.com?subject=project%20x&priority=urgent");

        Assert.Equal(["subject", "priority"], uri.Headers.Select(h => h.Name));
        Assert.Equal("project%20x", uri.Headers.GetValueOrDefault("subject"));
        Assert.Empty(uri.Parameters);
    }

    [Fact]
    public void Create_UserNeedingEscapes_EscapesAndRoundTrips()
    {
        var uri = SipUri.Create(SipUriScheme.Sip, "I have spaces", "::1", 5060, [new SipParameter("lr", null)]);

        Assert.Equal("sip:I%20have%20spaces@[::1]:5060;lr", uri.ToString());
        Assert.Equal("I have spaces", uri.User);
    }

    [Fact]
    public void WithParameter_UserContainingSemicolon_ChangesOnlyUriParameters()
    {
        var uri = SipUri.Parse("sip:user;par=1@example.com;transport=udp?h=v");

        var changed = uri.WithParameter("transport", "tcp").WithParameter("lr", null);

        Assert.Equal("sip:user;par=1@example.com;transport=tcp;lr?h=v", changed.ToString());
        Assert.Equal("sip:user;par=1@example.com;transport=tcp;lr", changed.WithoutHeaders().ToString());
    }

    [Theory]
    [InlineData("sip:alice@AtLanTa.CoM;Transport=udp", "SIP:alice@AtLanTa.CoM;Transport=UDP", true)]
    [InlineData("sip:carol@chicago.com", "sip:carol@chicago.com;newparam=5", true)]
    [InlineData("sip:%61lice@atlanta.com;transport=TCP", "sip:alice@AtLanTa.CoM;Transport=Tcp", true)]
    [InlineData("sip:ALICE@AtLanTa.CoM;Transport=udp", "sip:alice@AtLanTa.CoM;Transport=UDP", false)]
    [InlineData("sip:bob@biloxi.com", "sip:bob@biloxi.com:5060", false)]
    [InlineData("sip:bob@biloxi.com", "sip:bob@biloxi.com;transport=udp", false)]
    [InlineData("sip:carol@chicago.com;security=on", "sip:carol@chicago.com;security=off", false)]
    [InlineData("sip:carol@chicago.com?Subject=next%20meeting", "sip:carol@chicago.com", false)]
    public void IsEquivalentTo_Rfc3261Examples_Compare(string left, string right, bool expected)
    {
        var equivalent = SipUri.Parse(left).IsEquivalentTo(SipUri.Parse(right));

        Assert.Equal(expected, equivalent);
    }
}
