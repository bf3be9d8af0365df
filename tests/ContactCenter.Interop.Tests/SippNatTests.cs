using System.Net;
using ContactCenter.TestKit;

namespace ContactCenter.Interop.Tests;

/// <summary>
/// Issue #17: the engine behind NAT. With <c>Sip:Transport:PublicAddress</c> and <c>Sip:Rtp:PublicAddress</c> set to
/// 127.0.0.9 (sockets still bound to 127.0.0.1), what it sends names the public address, and a port-forwarding NAT
/// (<see cref="UdpNatForwarder"/>: 127.0.0.9 -> 127.0.0.1) carries the phones' in-dialog requests and media to it.
/// </summary>
[Collection(DatabaseCollection.Name)]
[Trait("Category", "Interop")]
public sealed class SippNatTests(CrmDatabaseFixture fixture)
{
    private static readonly IPAddress Public = IPAddress.Parse("127.0.0.9");

    [Fact]
    public async Task PublicAddress_InViaContactAndSdp_CallAndMediaFlowThroughTheNat()
    {
        var rtp = FreePorts.Next(); // the relay's two port pairs: rtp .. rtp + 3
        await using var rig = await CallRig.StartAsync(fixture, "--Sip:Transport:PublicAddress=127.0.0.9", "--Sip:Rtp:PublicAddress=127.0.0.9",
            $"--Sip:Rtp:PortMin={rtp}", $"--Sip:Rtp:PortMax={rtp + 3}");
        await using var nat = UdpNatForwarder.Start(Public, IPAddress.Loopback, [rig.Host.SipPort, rtp, rtp + 1, rtp + 2, rtp + 3]);
        await rig.AddAgentAsync("1001", "nat-agent-answer.xml");

        // The scenarios check the public address: the agent in our INVITE's Via, Contact, o= and c=; the caller in our 200's
        // Contact, o= and c= (its ACK and BYE go to that Contact, through the NAT).
        var caller = await rig.CallAsync("nat-trunk-call.xml", pause: TimeSpan.FromSeconds(5));

        Assert.True(caller.ExitCode == 0, rig.Diagnostics(caller));
        var call = await rig.WaitForEndedCallAsync();
        Assert.Equal("1001", call.AnsweredBy);
        // The caller sent its audio to 127.0.0.9 (the SDP's c=); it reached the relay on 127.0.0.1 through the NAT, and the
        // relay's audio for it went back the same way (the agent's sipp echoes to wherever the relay's packets came from).
        var media = await rig.ReadMediaSummaryAsync();
        Assert.True(media.CallerSent > 100 && media.ToCallee > 100 && media.CalleeSent > 100 && media.ToCaller > 100, $"media did not flow: {media}");
        Assert.True(nat.Inbound > 100 && nat.Outbound > 100, $"the NAT carried {nat.Inbound} datagrams in, {nat.Outbound} out");
    }

    [Fact]
    public async Task PublicAddressOnTheUdpListenerOnly_CarrierOverUdpGetsIt_AgentOverTcpGetsTheLocalOne_MediaFlows()
    {
        var rtp = FreePorts.Next(); // the relay's two port pairs: rtp .. rtp + 3
        await using var rig = await CallRig.StartAsync(fixture, "--Sip:Transport:PublicAddresses:udp=127.0.0.9", "--Sip:Rtp:PublicAddress=127.0.0.9",
            $"--Sip:Rtp:PortMin={rtp}", $"--Sip:Rtp:PortMax={rtp + 3}");
        await using var nat = UdpNatForwarder.Start(Public, IPAddress.Loopback, [rig.Host.SipPort, rtp, rtp + 1, rtp + 2, rtp + 3]);
        // The agent's phone registers over TCP (the listener serving the LAN): its scenario checks that our INVITE's Via,
        // Contact, o= and c= name 127.0.0.1.
        await rig.AddAgentAsync("1001", "lan-agent-answer.xml", tcp: true);

        // The carrier on UDP (the listener facing the internet) gets 127.0.0.9 in our 200's Contact, o= and c=; its ACK, BYE
        // and media go there, through the NAT.
        var caller = await rig.CallAsync("nat-trunk-call.xml", pause: TimeSpan.FromSeconds(5));

        Assert.True(caller.ExitCode == 0, rig.Diagnostics(caller));
        var call = await rig.WaitForEndedCallAsync();
        Assert.Equal("1001", call.AnsweredBy);
        var media = await rig.ReadMediaSummaryAsync();
        Assert.True(media.CallerSent > 100 && media.ToCallee > 100 && media.CalleeSent > 100 && media.ToCaller > 100, $"media did not flow: {media}");
        Assert.True(nat.Inbound > 100 && nat.Outbound > 100, $"the NAT carried {nat.Inbound} datagrams in, {nat.Outbound} out");
    }
}
