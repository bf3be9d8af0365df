using System.Net;
using System.Net.Sockets;
using ContactCenter.Media.Relay;
using ContactCenter.Media.Rtp;

namespace ContactCenter.Media.Tests.Relay;

/// <summary>RTCP ends at each endpoint: a leg gets reports about the streams it really exchanges with the relay, and its own reports are read there.</summary>
public sealed class EndpointRtcpTests
{
    private static readonly byte[] Voice = Enumerable.Repeat((byte)0x55, 160).ToArray();

    [Fact]
    public async Task Bridge_EachLegGetsReportsAboutItsOwnStreams_AndItsReportsAreReadNotRelayed()
    {
        await using var host = new RelayTestHost(rtcpInterval: TimeSpan.FromMilliseconds(100));
        using var phoneA = new FakePhone { Ssrc = 0xA0A0_A0A0 };
        using var phoneB = new FakePhone { Ssrc = 0xB0B0_B0B0 };
        using var rtcpA = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));
        using var rtcpB = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));
        var (a, b, _) = host.BridgePhones(phoneA, phoneB, MediaLegFormat.Pcmu, MediaLegFormat.Pcmu);
        // Each phone's first RTCP latches the relay's RTCP toward the socket it came from.
        await SendAsync(rtcpA, a.LocalRtcpEndPoint, 0xA0A0_A0A0, null);
        await SendAsync(rtcpB, b.LocalRtcpEndPoint, 0xB0B0_B0B0, null);

        // A sends 50 packets with 5 missing; B sends 20.
        for (int i = 0; i < 50; i++)
        {
            if (i is < 20 or >= 25)
            {
                await phoneA.SendAsync(a.LocalRtpEndPoint, 0, (ushort)(1_000 + i), (uint)(160 * i), Voice);
            }
        }

        await phoneB.SendStreamAsync(b.LocalRtpEndPoint, 0, 20, Voice);
        List<ReceivedRtp> atA = await phoneA.ReceiveManyAsync(20);
        await phoneB.ReceiveManyAsync(45);
        var reportToA = await ReceiveReportAsync(rtcpA, r => r.Sender is not null && r.Sender.Value.PacketCount == 20 && r.Block is not null);
        var reportToB = await ReceiveReportAsync(rtcpB, r => r.Sender is not null && r.Sender.Value.PacketCount == 45 && r.Block is not null);

        // What A hears comes from one source, the relay's stream toward A, and A's report names exactly that.
        Assert.Equal(a.OutgoingSsrc, atA[0].Ssrc);
        Assert.Equal(a.OutgoingSsrc, reportToA.Ssrc);
        Assert.Equal(20u * 160, reportToA.Sender!.Value.OctetCount);
        Assert.Equal(0xA0A0_A0A0u, reportToA.Block!.Value.Ssrc);
        Assert.Equal(5, reportToA.Block.Value.CumulativeLost);
        Assert.Equal(1_049u, reportToA.Block.Value.ExtendedHighestSequence);
        Assert.Equal(b.OutgoingSsrc, reportToB.Ssrc);
        Assert.Equal(0xB0B0_B0B0u, reportToB.Block!.Value.Ssrc);
        Assert.Equal(0, reportToB.Block.Value.CumulativeLost);

        // A reports a quarter of the relay's packets lost; the relay keeps that (with the round trip) and B never sees it.
        uint lsr = RtcpReportWriter.Middle32(reportToA.Sender.Value.NtpTimestamp);
        await SendAsync(rtcpA, a.LocalRtcpEndPoint, 0xA0A0_A0A0, new RtcpReportBlock(a.OutgoingSsrc, 64, 3, 0, 80, lsr, 0));
        await WaitUntilAsync(() => a.Statistics.Remote is not null);
        RtcpRemoteView remote = a.Statistics.Remote!.Value;
        Assert.Equal(0.25, remote.FractionLost);
        Assert.Equal(3, remote.CumulativeLost);
        Assert.Equal(TimeSpan.FromMilliseconds(10), remote.Jitter);
        Assert.InRange(remote.RoundTrip!.Value, TimeSpan.Zero, TimeSpan.FromSeconds(5));
        Assert.Null(b.Statistics.Remote);
        var laterAtB = await ReceiveReportAsync(rtcpB, _ => true);
        Assert.Equal(b.OutgoingSsrc, laterAtB.Ssrc);
    }

    private static Task SendAsync(UdpClient socket, IPEndPoint to, uint ssrc, RtcpReportBlock? block)
    {
        byte[] buffer = new byte[RtcpReportWriter.MaxLength];
        int length = RtcpReportWriter.Write(buffer, ssrc, null, block, "phone@test");
        return socket.SendAsync(buffer, length, to);
    }

    private static async Task<Report> ReceiveReportAsync(UdpClient socket, Func<Report, bool> wanted)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while (true)
        {
            UdpReceiveResult received = await socket.ReceiveAsync(timeout.Token);
            var reader = new RtcpCompoundReader(received.Buffer);
            Assert.True(reader.TryReadNext(out RtcpHeader header, out ReadOnlySpan<byte> first));
            RtcpSenderInfo? sender = RtcpSenderInfo.TryRead(first, out RtcpSenderInfo info) ? info : null;
            IReadOnlyList<RtcpReportBlock> blocks = RtcpReportBlock.ReadAll(first);
            Assert.True(reader.TryReadNext(out RtcpHeader sdes, out _));
            Assert.Equal(RtcpPacketType.SourceDescription, sdes.PacketType);
            var report = new Report(header.Ssrc, sender, blocks.Count > 0 ? blocks[0] : null);
            if (wanted(report))
            {
                return report;
            }
        }
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        while (!condition())
        {
            await Task.Delay(10, timeout.Token);
        }
    }

    private sealed record Report(uint Ssrc, RtcpSenderInfo? Sender, RtcpReportBlock? Block);
}
