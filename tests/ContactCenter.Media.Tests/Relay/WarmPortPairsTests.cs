using System.Net;
using System.Net.Sockets;
using ContactCenter.Media.Relay;
using Microsoft.Extensions.Time.Testing;

namespace ContactCenter.Media.Tests.Relay;

/// <summary>
/// Port pairs kept bound and receiving between legs (issue #14, <see cref="MediaOptions.WarmPortPairs"/>): a leg's pair
/// rests, then serves a later leg; what arrives in between reaches nobody; the relay's end closes them.
/// </summary>
public sealed class WarmPortPairsTests
{
    private static readonly byte[] Voice = Enumerable.Repeat((byte)0x55, 160).ToArray();

    [Fact]
    public async Task AnEndedLegsPair_RestsThenServesTheNextLeg_AndWhatArrivedBetweenReachesNobody()
    {
        var time = new FakeTimeProvider();
        await using var host = new RelayTestHost(time, pairs: 4);
        using var phone = new FakePhone();
        Assert.True(host.Relay.TryCreateEndpoint(MediaLegFormat.Pcmu, out MediaEndpoint? first));
        first.SetRemote(phone.EndPoint);
        IPEndPoint port = first.LocalRtpEndPoint;
        await phone.SendAsync(port, 0, 1, 160, Voice);
        await WaitUntilAsync(() => first.Statistics.PacketsReceived == 1);
        await first.DisposeAsync();

        Assert.Equal(0, host.Ports.InUse);
        Assert.Equal(1, host.Relay.WarmPairs);
        await phone.SendAsync(port, 0, 2, 320, Voice); // a late packet of the ended call
        await WaitUntilAsync(() => first.Pair.Dropped == 1); // taken off the socket while the pair rests

        MediaEndpoint resting = host.Endpoint(MediaLegFormat.Pcmu); // before the rest: another pair
        Assert.NotEqual(port, resting.LocalRtpEndPoint);

        time.Advance(host.Options.WarmPortRest);
        MediaEndpoint next = host.Endpoint(MediaLegFormat.Pcmu, phone);
        Assert.Equal(port, next.LocalRtpEndPoint);
        Assert.Equal(0, host.Relay.WarmPairs);
        Assert.Equal(2, host.Ports.InUse);
        await phone.SendAsync(port, 0, 3, 480, Voice);
        await WaitUntilAsync(() => next.Statistics.PacketsReceived == 1);
        await Task.Delay(100);
        Assert.Equal(1, next.Statistics.PacketsReceived); // the late packet was not the new leg's
    }

    [Fact]
    public async Task TheNextLegOnAPort_RefusesTheOldLegsPeer_AndLatchesToItsOwn()
    {
        var time = new FakeTimeProvider();
        await using var host = new RelayTestHost(time, pairs: 4);
        using var oldPeer = new FakePhone(); // a carrier sends every call's media from one address: same IP, another port
        using var newPeer = new FakePhone();
        Assert.True(host.Relay.TryCreateEndpoint(MediaLegFormat.Pcmu, out MediaEndpoint? first));
        first.SetRemote(oldPeer.EndPoint);
        await oldPeer.SendAsync(first.LocalRtpEndPoint, 0, 1, 160, Voice);
        await WaitUntilAsync(() => first.IsLatched);
        IPEndPoint port = first.LocalRtpEndPoint;
        await first.DisposeAsync();
        time.Advance(host.Options.WarmPortRest);

        MediaEndpoint next = host.Endpoint(MediaLegFormat.Pcmu, newPeer);
        Assert.Equal(port, next.LocalRtpEndPoint);
        await oldPeer.SendAsync(port, 0, 2, 320, Voice); // late, after the rest
        await WaitUntilAsync(() => next.Statistics.PacketsRejected == 1);
        Assert.False(next.IsLatched);

        await newPeer.SendAsync(port, 0, 1, 160, Voice);
        await WaitUntilAsync(() => next.IsLatched);
        Assert.Equal(newPeer.EndPoint, next.RemoteRtpEndPoint);
    }

    [Fact]
    public async Task RangeUsedUp_AParkedPairIsClosedToMakeRoom_ForALegAndForABrowserLegsBridge()
    {
        await using var host = new RelayTestHost(new FakeTimeProvider(), pairs: 2); // at most one parked (half the range)
        MediaEndpoint held = host.Endpoint(MediaLegFormat.Pcmu);
        Assert.True(host.Relay.TryCreateEndpoint(MediaLegFormat.Pcmu, out MediaEndpoint? ended));
        await ended.DisposeAsync();
        Assert.Equal(1, host.Relay.WarmPairs);

        MediaEndpoint next = host.Endpoint(MediaLegFormat.Pcmu); // the parked pair has not rested: closed, its ports bound anew
        Assert.Equal(0, host.Relay.WarmPairs);
        await next.DisposeAsync();
        await held.DisposeAsync();
        Assert.Equal(1, host.Relay.WarmPairs);

        // WebRtcCallBridge leases straight from the allocator: parked pairs never refuse it.
        Assert.True(host.Ports.TryAllocate(out var first));
        Assert.True(host.Ports.TryAllocate(out var second));
        Assert.Equal(0, host.Relay.WarmPairs);
        Assert.Equal(2, host.Ports.InUse);
        first.Dispose();
        second.Dispose();
        Assert.Equal(0, host.Ports.InUse);
    }

    [Fact]
    public async Task TheRelaysEnd_ClosesTheParkedPairs()
    {
        var host = new RelayTestHost(pairs: 2);
        Assert.True(host.Relay.TryCreateEndpoint(MediaLegFormat.Pcmu, out MediaEndpoint? endpoint));
        IPEndPoint port = endpoint.LocalRtpEndPoint;
        await endpoint.DisposeAsync();
        Assert.False(CanBind(port), "a parked pair keeps its port");

        await host.DisposeAsync();

        Assert.True(CanBind(port));
        Assert.True(CanBind(new IPEndPoint(port.Address, port.Port + 1)));
    }

    [Fact]
    public async Task WithoutWarmPairs_AnEndedLegsSocketsAreClosed()
    {
        await using var host = new RelayTestHost(pairs: 2, warmPairs: 0);
        Assert.True(host.Relay.TryCreateEndpoint(MediaLegFormat.Pcmu, out MediaEndpoint? endpoint));
        IPEndPoint port = endpoint.LocalRtpEndPoint;
        await endpoint.DisposeAsync();

        Assert.Equal(0, host.Relay.WarmPairs);
        Assert.True(CanBind(port));
    }

    private static bool CanBind(IPEndPoint port)
    {
        using var socket = new Socket(port.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
        try
        {
            socket.Bind(port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        for (int waited = 0; !condition(); waited += 10)
        {
            Assert.True(waited < 5_000, "Waited in vain (5 s)");
            await Task.Delay(10);
        }
    }
}
