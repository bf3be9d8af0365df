using System.Text;
using ContactCenter.Sip.Syntax.Headers;

namespace ContactCenter.Sip.Syntax.Tests.Headers;

public sealed class NameAddrParserTests
{
    [Theory]
    [InlineData("\"Alice Agent\" <sip:alice@example.com>;tag=88sja8x", "Alice Agent", "sip:alice@example.com", "88sja8x")]
    [InlineData("Bob Smith <sip:bob@example.com>", "Bob Smith", "sip:bob@example.com", null)]
    [InlineData("<sip:bob@example.com;transport=tcp>;tag=1", null, "sip:bob@example.com;transport=tcp", "1")]
    [InlineData("sip:bob@example.com;tag=2", null, "sip:bob@example.com", "2")]
    [InlineData("caller<sip:caller@example.com>;tag=323", "caller", "sip:caller@example.com", null + "323")]
    [InlineData("\"\" <sip:anonymous@anonymous.invalid>", "", "sip:anonymous@anonymous.invalid", null)]
    [InlineData("\"quote \\\" and \\\\ slash\" <tel:+15551234>", "quote \" and \\ slash", "tel:+15551234", null)]
    [InlineData("\"Ünïcödé\" <sip:u@example.com>", "Ünïcödé", "sip:u@example.com", null)]
    [InlineData("  <sip:a@b.c> ; tag = x ", null, "sip:a@b.c", "x")]
    public void TryParse_ValidNameAddr_ReadsDisplayNameUriAndTag(string value, string? displayName, string uri, string? tag)
    {
        var ok = NameAddrParser.TryParse(Encoding.UTF8.GetBytes(value), out var address);

        Assert.True(ok);
        Assert.Equal((displayName, uri, tag), (address!.DisplayName, address.Uri.ToString(), address.Tag));
    }

    [Theory]
    [InlineData("")]
    [InlineData("\"unterminated <sip:a@b.c>")]
    [InlineData("\"name\" sip:a@b.c")]
    [InlineData("<sip:a@b.c")]
    [InlineData("Bell, Alexander <sip:a@b.c>")]
    [InlineData("< sip:a@b.c >")]
    [InlineData("sip:a@b.c?subject=x")]
    [InlineData("<sip:a@b.c>;=bad")]
    [InlineData("<notauri>")]
    public void TryParse_InvalidNameAddr_ReturnsFalse(string value)
    {
        var ok = NameAddrParser.TryParse(Encoding.UTF8.GetBytes(value), out _);

        Assert.False(ok);
    }

    [Fact]
    public void TryParse_ContactParameters_ReadsExpiresAndQ()
    {
        var contact = SipNameAddress.Parse("<sip:1001@10.0.0.7;transport=tcp>;expires=600;q=0.7;+sip.instance=\"<urn:uuid:00000000-0000-1000-8000-000A95A0E128>\"");

        Assert.Equal(600, contact.Expires);
        Assert.Equal(0.7, contact.Q);
        Assert.Equal("tcp", contact.Uri.Transport);
        Assert.True(contact.Parameters.Contains("+sip.instance"));
    }

    [Fact]
    public void WithTag_AddrSpecWithoutTag_AddsTagOutsideUri()
    {
        var to = SipNameAddress.Parse("sip:bob@example.com");

        var tagged = to.WithTag("xyz");

        Assert.Equal("xyz", tagged.Tag);
        Assert.Equal("sip:bob@example.com", tagged.Uri.ToString());
        Assert.Equal("<sip:bob@example.com>;tag=xyz", tagged.ToString());
    }

    [Fact]
    public void Create_DisplayNameWithQuotes_QuotesAndEscapes()
    {
        var address = SipNameAddress.Create(SipUri.Parse("sip:a@example.com"), "Say \"hi\"", [new SipParameter("tag", "1")]);

        Assert.Equal("\"Say \\\"hi\\\"\" <sip:a@example.com>;tag=1", address.ToString());
        Assert.Equal("Say \"hi\"", address.DisplayName);
    }
}
