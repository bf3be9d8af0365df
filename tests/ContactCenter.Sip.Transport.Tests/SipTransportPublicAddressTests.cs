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
}
