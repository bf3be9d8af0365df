using System.Text;
using ContactCenter.Sip.Syntax.Headers;

namespace ContactCenter.Sip.Syntax.Tests.Headers;

public sealed class ViaParserTests
{
    [Theory]
    [InlineData("SIP/2.0/UDP pc33.atlanta.com;branch=z9hG4bK776asdhds", "UDP", "pc33.atlanta.com", null, "z9hG4bK776asdhds")]
    [InlineData("SIP/2.0/tcp client.example.com:5060;branch=z9hG4bK74b", "TCP", "client.example.com", 5060, "z9hG4bK74b")]
    [InlineData("SIP / 2.0 / TLS   [2001:db8::1]:5061 ; branch = z9hG4bKx", "TLS", "[2001:db8::1]", 5061, "z9hG4bKx")]
    [InlineData("SIP/2.0/WSS df7jal23ls0d.invalid;branch=z9hG4bK56sdasks", "WSS", "df7jal23ls0d.invalid", null, "z9hG4bK56sdasks")]
    [InlineData("SIP/2.0/UDP 192.0.2.1", "UDP", "192.0.2.1", null, null)]
    public void TryParse_ValidVia_ReadsSentByAndBranch(string value, string transport, string host, int? port, string? branch)
    {
        var ok = ViaParser.TryParse(Encoding.UTF8.GetBytes(value), out var via);

        Assert.True(ok);
        Assert.Equal((transport, host, port, branch), (via!.Transport, via.Host, via.Port, via.Branch));
    }

    [Theory]
    [InlineData("SIP/2.0/UDP h;rport", true, null)]
    [InlineData("SIP/2.0/UDP h;rport=5070;received=192.0.2.9", true, 5070)]
    [InlineData("SIP/2.0/UDP h;branch=z9hG4bK1", false, null)]
    public void TryParse_RPort_WithOrWithoutValue(string value, bool hasRPort, int? rport)
    {
        var via = SipVia.Parse(value);

        Assert.Equal((hasRPort, rport), (via.HasRPort, via.RPort));
    }

    [Fact]
    public void TryParse_AllParameters_ReadsThemAndKeepsOthers()
    {
        var via = SipVia.Parse("SIP/2.0/UDP h:1;branch=z9hG4bK1;received=2001:db8::9;maddr=224.2.0.1;ttl=16;x-ext=\"quoted;value\";flag");

        Assert.Equal("2001:db8::9", via.Received);
        Assert.Equal("224.2.0.1", via.MAddr);
        Assert.Equal(16, via.Ttl);
        Assert.Equal("\"quoted;value\"", via.Parameters.GetValueOrDefault("x-ext"));
        Assert.True(via.Parameters.Contains("flag"));
        Assert.True(via.HasRfc3261Branch);
    }

    [Theory]
    [InlineData("")]
    [InlineData("SIP/2.0/UDP")]
    [InlineData("SIP/2.0 UDP host")]
    [InlineData("SIP/2.0/UDPhost")]
    [InlineData("SIP/2.0/UDP host:port")]
    [InlineData("SIP/2.0/UDP host:70000")]
    [InlineData("SIP/2.0/UDP host;branch=\"open")]
    [InlineData("SIP/2.0/UDP host;=x")]
    [InlineData("SIP/2.0/UDP [::1")]
    [InlineData("SIP/2.0/UDP host extra")]
    public void TryParse_InvalidVia_ReturnsFalse(string value)
    {
        var ok = ViaParser.TryParse(Encoding.UTF8.GetBytes(value), out _);

        Assert.False(ok);
    }

    [Fact]
    public void WithReceived_ViaAskingForRPort_FillsBoth()
    {
        var via = SipVia.Create("udp", "10.0.0.5", 5060, "z9hG4bKabc", requestRPort: true);

        var stamped = via.WithReceived("192.0.2.7", 40123);

        Assert.Equal("SIP/2.0/UDP 10.0.0.5:5060;branch=z9hG4bKabc;rport=40123;received=192.0.2.7", stamped.ToString());
    }
}
