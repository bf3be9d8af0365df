using System.Net;
using ContactCenter.Media.Relay;
using Microsoft.Extensions.Time.Testing;

namespace ContactCenter.Media.Tests.Relay;

/// <summary>RTP bleed (issue #16): who may latch a leg when the port range is sprayed from another host.</summary>
public sealed class SourceLatchingTests
{
    private static readonly IPAddress OtherHost = IPAddress.Parse("127.0.0.2");
    private static readonly byte[] Voice = new byte[160];
    private static readonly byte[] Injected = [.. Enumerable.Repeat((byte)0x55, 160)];

    [Fact]
    public async Task SprayerOnAnotherAddress_BeforeThePhone_NeitherLatchesNorIsHeard()
    {
        await using var host = new RelayTestHost(rtcpInterval: TimeSpan.Zero);
        using var phone = new FakePhone();
        using var sprayer = new FakePhone(OtherHost);
        using var agent = new FakePhone();
        (MediaEndpoint a, MediaEndpoint b, _) = host.BridgePhones(phone, agent, MediaLegFormat.Pcmu, MediaLegFormat.Pcmu);

        await sprayer.SendAsync(a.LocalRtpEndPoint, 0, 1, 160, Injected);
        bool agentHeardNothing = await agent.NothingArrivesAsync(TimeSpan.FromMilliseconds(300));
        await agent.SendAsync(b.LocalRtpEndPoint, 0, 1, 160, Voice);
        bool sprayerHeardNothing = await sprayer.NothingArrivesAsync(TimeSpan.FromMilliseconds(300));

        Assert.True(agentHeardNothing, "the sprayer's audio reached the agent");
        Assert.True(sprayerHeardNothing, "the agent's audio went to the sprayer");
        Assert.False(a.IsLatched);
        Assert.Equal(1, a.Statistics.PacketsRejected);
    }

    [Fact]
    public async Task SprayerOnAnotherAddress_AfterThePhoneFellSilent_CannotTakeOver()
    {
        var time = new FakeTimeProvider();
        await using var host = new RelayTestHost(time, rtcpInterval: TimeSpan.Zero);
        using var phone = new FakePhone();
        using var sprayer = new FakePhone(OtherHost);
        using var agent = new FakePhone();
        (MediaEndpoint a, _, _) = host.BridgePhones(phone, agent, MediaLegFormat.Pcmu, MediaLegFormat.Pcmu);
        await phone.SendAsync(a.LocalRtpEndPoint, 0, 1, 160, Voice);
        await agent.ReceiveAsync();

        time.Advance(TimeSpan.FromSeconds(10)); // far beyond the 2 s re-latch gap
        await sprayer.SendAsync(a.LocalRtpEndPoint, 0, 900, 90_000, Injected);

        Assert.True(await agent.NothingArrivesAsync(TimeSpan.FromMilliseconds(300)));
        Assert.Equal(phone.EndPoint, a.RemoteRtpEndPoint);
    }

    [Fact]
    public async Task PhoneBehindNat_SignallingAddressAllowed_LatchesFromThere()
    {
        await using var host = new RelayTestHost(rtcpInterval: TimeSpan.Zero);
        using var natted = new FakePhone(OtherHost); // its SDP says 127.0.0.1 (the private address), its packets come from .2
        using var agent = new FakePhone();
        MediaEndpoint a = host.Endpoint(MediaLegFormat.Pcmu);
        a.SetRemote(new IPEndPoint(IPAddress.Loopback, 40_000));
        MediaEndpoint b = host.Endpoint(MediaLegFormat.Pcmu, agent);
        host.Bridge(a, b);

        a.AllowSource(OtherHost); // the address its REGISTER/INVITE came from
        await natted.SendAsync(a.LocalRtpEndPoint, 0, 1, 160, Voice);
        await agent.ReceiveAsync();

        Assert.Equal(natted.EndPoint, a.RemoteRtpEndPoint);
    }

    [Fact]
    public async Task LatchedToTheSignallingAddress_TheSdpAddressCannotTakeOverLater()
    {
        var time = new FakeTimeProvider();
        await using var host = new RelayTestHost(time, rtcpInterval: TimeSpan.Zero);
        using var natted = new FakePhone(OtherHost);
        using var onSdpAddress = new FakePhone();
        using var agent = new FakePhone();
        MediaEndpoint a = host.Endpoint(MediaLegFormat.Pcmu, onSdpAddress);
        MediaEndpoint b = host.Endpoint(MediaLegFormat.Pcmu, agent);
        host.Bridge(a, b);
        a.AllowSource(OtherHost);
        await natted.SendAsync(a.LocalRtpEndPoint, 0, 1, 160, Voice);
        await agent.ReceiveAsync();

        time.Advance(TimeSpan.FromSeconds(10));
        await onSdpAddress.SendAsync(a.LocalRtpEndPoint, 0, 700, 70_000, Injected);

        Assert.True(await agent.NothingArrivesAsync(TimeSpan.FromMilliseconds(300)));
        Assert.Equal(natted.EndPoint, a.RemoteRtpEndPoint);
    }

    [Fact]
    public async Task KnownAddressesOnlyOff_AnyAddressLatchesAsBefore()
    {
        await using var host = new RelayTestHost(rtcpInterval: TimeSpan.Zero, latchKnownAddressesOnly: false);
        using var phone = new FakePhone();
        using var other = new FakePhone(OtherHost);
        using var agent = new FakePhone();
        (MediaEndpoint a, _, _) = host.BridgePhones(phone, agent, MediaLegFormat.Pcmu, MediaLegFormat.Pcmu);

        await other.SendAsync(a.LocalRtpEndPoint, 0, 1, 160, Voice);
        await agent.ReceiveAsync();

        Assert.Equal(other.EndPoint, a.RemoteRtpEndPoint);
    }
}
