using System.Net;
using ContactCenter.Sip.Syntax;
using ContactCenter.Sip.Syntax.Headers;

namespace ContactCenter.Sip.Transport.Tests;

public sealed class ViaStampingTests
{
    [Theory]
    [InlineData("SIP/2.0/UDP 192.0.2.1:5070;branch=z9hG4bK-1", "127.0.0.1", null)]
    [InlineData("SIP/2.0/UDP 192.0.2.1:5070;branch=z9hG4bK-1;rport", "127.0.0.1", 40000)]
    [InlineData("SIP/2.0/UDP 127.0.0.1:5070;branch=z9hG4bK-1;rport", "127.0.0.1", 40000)]
    [InlineData("SIP/2.0/UDP phone.example.com;branch=z9hG4bK-1", "127.0.0.1", null)]
    [InlineData("SIP/2.0/UDP 192.0.2.1;branch=z9hG4bK-1;rport=5999", "127.0.0.1", 5999)]
    public void Stamp_SentByOrRPort_AddsReceivedAndFillsEmptyRPort(string via, string expectedReceived, int? expectedRPort)
    {
        var request = SipParser.ParseRequest(Messages.Options("v", via));

        var stamped = ViaStamping.Stamp(request, new IPEndPoint(IPAddress.Loopback, 40000));

        Assert.Equal(expectedReceived, stamped.TopVia.Received);
        Assert.Equal(expectedRPort, stamped.TopVia.RPort);
        Assert.Equal("z9hG4bK-1", stamped.TopVia.Branch);
    }

    [Theory]
    [InlineData("SIP/2.0/UDP 127.0.0.1:5070;branch=z9hG4bK-1")]
    [InlineData("SIP/2.0/UDP 192.0.2.1:5070;branch=z9hG4bK-1;received=127.0.0.1")]
    public void Stamp_NothingToChange_ReturnsSameInstance(string via)
    {
        var request = SipParser.ParseRequest(Messages.Options("v", via));

        var stamped = ViaStamping.Stamp(request, new IPEndPoint(IPAddress.Loopback, 40000));

        Assert.Same(request, stamped);
    }

    [Fact]
    public void Stamp_SeveralVias_OnlyTopChangesAndOthersKeepOrder()
    {
        var request = SipParser.ParseRequest(Messages.Options("v", "SIP/2.0/UDP 192.0.2.1;branch=z9hG4bK-top;rport, SIP/2.0/UDP 192.0.2.2;branch=z9hG4bK-second"));

        var stamped = ViaStamping.Stamp(request, new IPEndPoint(IPAddress.Loopback, 40000));

        Assert.Equal(["z9hG4bK-top", "z9hG4bK-second"], stamped.Vias.Select(v => v.Branch));
        Assert.Null(stamped.Vias[1].Received);
    }

    [Theory]
    [InlineData("SIP/2.0/UDP 192.0.2.1:5070;branch=z9hG4bK-1;rport", 40000)]
    [InlineData("SIP/2.0/UDP 192.0.2.1:5070;branch=z9hG4bK-1", 5070)]
    [InlineData("SIP/2.0/UDP 192.0.2.1;branch=z9hG4bK-1", 5060)]
    public void GetUdpAnswerDestination_RPortOrSentByPort_SourceAddressWithRightPort(string via, int expectedPort)
    {
        var destination = ViaStamping.GetUdpAnswerDestination(SipVia.Parse(via), new IPEndPoint(IPAddress.Loopback, 40000));

        Assert.Equal(new IPEndPoint(IPAddress.Loopback, expectedPort), destination);
    }

    [Theory]
    [InlineData("SIP/2.0/UDP 127.0.0.1:5060;branch=z9hG4bK-1", true)]
    [InlineData("SIP/2.0/TCP PBX.example.com;branch=z9hG4bK-1", true)]
    [InlineData("SIP/2.0/UDP 192.0.2.1:5060;branch=z9hG4bK-1", false)]
    public void IsSentByUs_ListenAddressOrAdvertisedHost_Accepted(string via, bool expected)
    {
        var ours = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "127.0.0.1", "pbx.example.com" };

        Assert.Equal(expected, ViaStamping.IsSentByUs(SipVia.Parse(via), ours));
    }
}
