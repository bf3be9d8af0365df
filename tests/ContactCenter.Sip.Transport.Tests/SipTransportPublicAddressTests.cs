using System.ComponentModel.DataAnnotations;
using System.Net;

namespace ContactCenter.Sip.Transport.Tests;

/// <summary>Issue #17: behind NAT, Via and Contact name the configured public address while the sockets stay bound locally.</summary>
public sealed class SipTransportPublicAddressTests
{
    [Fact]
    public async Task PublicAddress_ViaAndContactEndPointsNameIt_WithTheListenersPorts_SocketsStayLocal()
    {
        await using var harness = await TransportHarness.StartAsync(configure: _ => new SipTransportOptions { ListenAddress = "127.0.0.1", UdpPort = 0, TcpPort = 0, ShutdownTimeout = TimeSpan.FromSeconds(2), PublicAddress = "127.0.0.9" });
        var bound = harness.Transport.LocalEndPoints;

        var udp = harness.Transport.GetLocalEndPoint(SipTransportProtocol.Udp).EndPoint;
        var tcp = harness.Transport.GetLocalEndPoint(SipTransportProtocol.Tcp).EndPoint;

        Assert.Equal(IPAddress.Parse("127.0.0.9"), udp.Address);
        Assert.Equal(IPAddress.Parse("127.0.0.9"), tcp.Address);
        Assert.All(bound, b => Assert.Equal(IPAddress.Loopback, b.EndPoint.Address));
        Assert.Equal(bound.Single(b => b.Protocol == SipTransportProtocol.Udp).EndPoint.Port, udp.Port);
        Assert.Equal(bound.Single(b => b.Protocol == SipTransportProtocol.Tcp).EndPoint.Port, tcp.Port);
    }

    [Theory]
    [InlineData("sip.example.com")]
    [InlineData("0.0.0.0")]
    public void PublicAddress_NotAReachableAddress_Invalid(string value)
    {
        var options = new SipTransportOptions { PublicAddress = value };

        var errors = options.Validate(new ValidationContext(options)).ToList();

        Assert.Contains(errors, e => e.ErrorMessage!.Contains("PublicAddress", StringComparison.Ordinal));
    }

    [Fact]
    public async Task PublicAddressPerListener_UdpNamesItsOwn_TcpWithoutOne_StaysLocal()
    {
        await using var harness = await TransportHarness.StartAsync(configure: _ => new SipTransportOptions
        {
            ListenAddress = "127.0.0.1", UdpPort = 0, TcpPort = 0, ShutdownTimeout = TimeSpan.FromSeconds(2),
            PublicAddresses = new(StringComparer.OrdinalIgnoreCase) { ["UDP"] = "127.0.0.9" },
        });

        Assert.Equal(IPAddress.Parse("127.0.0.9"), harness.Transport.GetLocalEndPoint(SipTransportProtocol.Udp).EndPoint.Address);
        Assert.Equal(IPAddress.Loopback, harness.Transport.GetLocalEndPoint(SipTransportProtocol.Tcp).EndPoint.Address);
    }

    [Fact]
    public void PublicAddressPerListener_OverridesTheCommonOne()
    {
        var options = new SipTransportOptions { PublicAddress = "203.0.113.10", PublicAddresses = new() { ["tls"] = "198.51.100.7" } };

        Assert.Equal(IPAddress.Parse("198.51.100.7"), options.PublicAddressFor(SipTransportProtocol.Tls));
        Assert.Equal(IPAddress.Parse("203.0.113.10"), options.PublicAddressFor(SipTransportProtocol.Udp));
        Assert.True(options.HasPublicAddress);
        Assert.False(new SipTransportOptions().HasPublicAddress);
    }

    [Theory]
    [InlineData("sctp", "203.0.113.10")]
    [InlineData("tls", "sip.example.com")]
    [InlineData("udp", "0.0.0.0")]
    public void PublicAddressPerListener_UnknownListenerOrNotAnAddress_Invalid(string listener, string value)
    {
        var options = new SipTransportOptions { PublicAddresses = new() { [listener] = value } };

        var errors = options.Validate(new ValidationContext(options)).ToList();

        Assert.Contains(errors, e => e.ErrorMessage!.Contains("PublicAddresses:" + listener, StringComparison.Ordinal));
    }
}
