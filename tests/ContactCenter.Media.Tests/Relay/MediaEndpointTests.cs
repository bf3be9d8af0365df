using ContactCenter.Media.Relay;
using ContactCenter.TestKit;
using Microsoft.Extensions.Time.Testing;

namespace ContactCenter.Media.Tests.Relay;

public sealed class MediaEndpointTests
{
    private static readonly byte[] Voice = Enumerable.Repeat((byte)0x55, 160).ToArray();
    private static readonly byte[] EmptyReceiverReport = [0x80, 201, 0, 1, 0x12, 0x34, 0x56, 0x78];

    [Fact]
    public async Task Latching_SourceDiffersFromSdpAddress_SendsToRealSource()
    {
        await using var host = new RelayTestHost();
        using var phoneA = new FakePhone();
        using var phoneB = new FakePhone();
        using var sdpSaid = new FakePhone();
        (MediaEndpoint a, MediaEndpoint b, _) = host.BridgePhones(sdpSaid, phoneB, MediaLegFormat.Pcmu, MediaLegFormat.Pcmu);

        await phoneA.SendAsync(a.LocalRtpEndPoint, 0, 1, 160, Voice);
        await phoneB.ReceiveAsync();
        await phoneB.SendAsync(b.LocalRtpEndPoint, 0, 1, 160, Voice);
        ReceivedRtp atA = await phoneA.ReceiveAsync();

        Assert.Equal(a.LocalRtpEndPoint, atA.From);
        Assert.Equal(phoneA.EndPoint, a.RemoteRtpEndPoint);
        Assert.True(a.IsLatched);
        Assert.True(await sdpSaid.NothingArrivesAsync(TimeSpan.FromMilliseconds(100)));
    }

    [Fact]
    public async Task Latching_PayloadTypeNotNegotiated_DoesNotLatch()
    {
        await using var host = new RelayTestHost();
        using var phoneA = new FakePhone();
        using var phoneB = new FakePhone();
        using var sdpSaid = new FakePhone();
        (MediaEndpoint a, MediaEndpoint b, _) = host.BridgePhones(sdpSaid, phoneB, MediaLegFormat.Pcmu, MediaLegFormat.Pcmu);

        await phoneA.SendAsync(a.LocalRtpEndPoint, 18, 1, 160, Voice);
        await phoneA.SendAsync(a.LocalRtpEndPoint, 0, 2, 320, Voice);
        await phoneB.ReceiveAsync();

        Assert.Equal(1, a.Statistics.PacketsRejected);
        Assert.True(a.IsLatched);
    }

    [Fact]
    public async Task Latching_OtherSourceWithinGap_IsRejectedAndAfterGapTakesOver()
    {
        var time = new FakeTimeProvider();
        await using var host = new RelayTestHost(time, relatchGap: TimeSpan.FromSeconds(2));
        using var phoneA = new FakePhone();
        using var movedA = new FakePhone { Ssrc = 77 };
        using var phoneB = new FakePhone();
        (MediaEndpoint a, MediaEndpoint b, _) = host.BridgePhones(phoneA, phoneB, MediaLegFormat.Pcmu, MediaLegFormat.Pcmu);
        await phoneA.SendAsync(a.LocalRtpEndPoint, 0, 1, 160, Voice);
        await phoneB.ReceiveAsync();

        await movedA.SendAsync(a.LocalRtpEndPoint, 0, 500, 9_000, Voice);
        bool strayDropped = await phoneB.NothingArrivesAsync(TimeSpan.FromMilliseconds(200));
        time.Advance(TimeSpan.FromSeconds(3));
        await movedA.SendAsync(a.LocalRtpEndPoint, 0, 501, 9_160, Voice);
        await phoneB.ReceiveAsync();

        Assert.True(strayDropped);
        Assert.Equal(1, a.Statistics.PacketsRejected);
        Assert.Equal(movedA.EndPoint, a.RemoteRtpEndPoint);
    }

    [Fact]
    public async Task Statistics_SequenceGap_CountsLostPackets()
    {
        await using var host = new RelayTestHost();
        using var phoneA = new FakePhone();
        using var phoneB = new FakePhone();
        (MediaEndpoint a, MediaEndpoint b, _) = host.BridgePhones(phoneA, phoneB, MediaLegFormat.Pcmu, MediaLegFormat.Pcmu);

        foreach (ushort sequence in new ushort[] { 100, 101, 104, 105 })
        {
            await phoneA.SendAsync(a.LocalRtpEndPoint, 0, sequence, sequence * 160u, Voice);
        }

        await phoneB.ReceiveManyAsync(4);

        MediaEndpointStatistics stats = a.Statistics;
        Assert.Equal(2, stats.PacketsLost);
        Assert.Equal(4, stats.PacketsReceived);
        Assert.Equal(4 * 172, stats.BytesReceived);
        Assert.NotNull(stats.LastPacketAt);
        Assert.Equal(4, b.Statistics.PacketsSent);
    }

    [Fact]
    public async Task Receive_GarbageDatagram_IsRejectedAndLoopGoesOn()
    {
        await using var host = new RelayTestHost();
        using var phoneA = new FakePhone();
        using var phoneB = new FakePhone();
        (MediaEndpoint a, MediaEndpoint b, _) = host.BridgePhones(phoneA, phoneB, MediaLegFormat.Pcmu, MediaLegFormat.Pcmu);

        await phoneA.SendRawAsync(a.LocalRtpEndPoint, [1, 2, 3]);
        await phoneA.SendAsync(a.LocalRtpEndPoint, 0, 1, 160, Voice);
        await phoneB.ReceiveAsync();

        Assert.Equal(1, a.Statistics.PacketsRejected);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(50)]
    public async Task DisposeAsync_WithOrWithoutPacketsInFlight_ThrowsNothingAndReturnsThePorts(int inFlight)
    {
        await using var host = new RelayTestHost();
        using var phone = new FakePhone();
        using var thrown = new ThrownExceptions();
        Assert.True(host.Relay.TryCreateEndpoint(MediaLegFormat.Pcmu, out MediaEndpoint? endpoint));
        endpoint.SetRemote(phone.EndPoint);
        await phone.SendAsync(endpoint.LocalRtpEndPoint, 0, 1, 160, Voice);
        await phone.SendRawAsync(endpoint.LocalRtcpEndPoint, EmptyReceiverReport);
        await WaitUntilAsync(() => endpoint.Statistics.PacketsReceived == 2);

        for (int i = 0; i < inFlight; i++)
        {
            await phone.SendAsync(endpoint.LocalRtpEndPoint, 0, (ushort)(2 + i), (uint)(160 * (2 + i)), Voice);
            await phone.SendRawAsync(endpoint.LocalRtcpEndPoint, EmptyReceiverReport);
        }

        await endpoint.DisposeAsync();

        Assert.True(thrown.Thrown.Count == 0, $"Stopping threw: {thrown.Describe()}");
        Assert.Equal(0, host.Ports.InUse);
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
