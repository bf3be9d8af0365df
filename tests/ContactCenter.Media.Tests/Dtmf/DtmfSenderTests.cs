using ContactCenter.Media.Codecs;
using ContactCenter.Media.Dtmf;
using ContactCenter.Media.Relay;
using ContactCenter.Media.Rtp;
using ContactCenter.Media.Tests.Relay;
using Microsoft.Extensions.Time.Testing;

namespace ContactCenter.Media.Tests.Dtmf;

public sealed class DtmfSenderTests
{
    [Fact]
    public async Task SendDtmf_RealSockets_ReceiverSeesRfc4733EventsOurDetectorDecodes()
    {
        // No RTCP: reports go to port + 1, which may be another test's phone.
        await using var host = new RelayTestHost(rtcpInterval: TimeSpan.Zero);
        using var client = new FakePhone();
        using var agent = new FakePhone();
        (MediaEndpoint a, _, MediaBridge bridge) = host.BridgePhones(client, agent, new MediaLegFormat(0, G711Law.Pcmu, 101), new MediaLegFormat(8, G711Law.Pcma, 96));

        Assert.True(await bridge.SendDtmfAsync(MediaLegSide.A, "12#", CancellationToken.None));
        List<ReceivedRtp> packets = await client.ReceiveManyAsync(3 * 8);

        Assert.All(packets, p => Assert.Equal(101, p.PayloadType));
        Assert.All(packets, p => Assert.Equal(a.OutgoingSsrc, p.Ssrc));
        Assert.Equal(Enumerable.Range(0, packets.Count).Select(i => (ushort)(packets[0].Sequence + i)), packets.Select(p => p.Sequence));
        var detector = new DtmfEventDetector();
        var digits = new List<DtmfEvent>();
        for (int digit = 0; digit < 3; digit++)
        {
            List<ReceivedRtp> one = packets.GetRange(digit * 8, 8);
            Assert.Equal([true, false, false, false, false, false, false, false], one.Select(p => p.Marker));
            Assert.All(one, p => Assert.Equal(one[0].Timestamp, p.Timestamp));
            List<TelephoneEvent> events = [.. one.Select(p => Parse(p.Payload))];
            Assert.Equal([160, 320, 480, 640, 800, 800, 800, 800], events.Select(e => (int)e.Duration));
            Assert.Equal([false, false, false, false, false, true, true, true], events.Select(e => e.End));
            foreach (ReceivedRtp packet in one)
            {
                if (detector.TryProcess(packet.Ssrc, packet.Timestamp, packet.Payload, out DtmfEvent? found))
                {
                    digits.Add(found);
                }
            }
        }

        Assert.Equal("12#", new string([.. digits.Select(d => d.Digit)]));
        Assert.All(digits, d => Assert.Equal(TimeSpan.FromMilliseconds(100), d.Duration));
        // Each event starts where real time got to: after 100 ms of tone, two more end packets (40 ms) and a 100 ms pause
        // (1,920 samples). A late timer on a loaded machine shifts one start by a few ms either way, so the check is that
        // the pause is there (without it the gap is 140 ms, 1,120 samples), not its exact length (the fake-clock test pins that).
        Assert.True(packets[8].Timestamp - packets[0].Timestamp >= 1_600, $"{packets[0].Timestamp} -> {packets[8].Timestamp}");
        Assert.True(packets[16].Timestamp - packets[8].Timestamp >= 1_600, $"{packets[8].Timestamp} -> {packets[16].Timestamp}");
    }

    [Fact]
    public async Task SendDtmf_LegWithoutTelephoneEvent_FalseAndNothingSent()
    {
        // No RTCP: reports go to port + 1, which may be another test's phone.
        await using var host = new RelayTestHost(rtcpInterval: TimeSpan.Zero);
        using var client = new FakePhone();
        using var agent = new FakePhone();
        (_, _, MediaBridge bridge) = host.BridgePhones(client, agent, new MediaLegFormat(8, G711Law.Pcma), MediaLegFormat.Pcmu);

        bool sent = await bridge.SendDtmfAsync(MediaLegSide.A, "5", CancellationToken.None);

        Assert.False(sent);
        Assert.True(await client.NothingArrivesAsync(TimeSpan.FromMilliseconds(300)));
    }

    [Fact]
    public async Task SendAsync_FakeClock_OnePacketEvery20MsAndAPauseBetweenDigits()
    {
        var time = new FakeTimeProvider();
        var sink = new RecordingSink(time);
        var sender = new DtmfSender(sink, 101, time);

        Task sending = sender.SendAsync("9*", CancellationToken.None);
        for (int i = 0; i < 200 && !sending.IsCompleted; i++)
        {
            // 5 ms steps; the real pause lets the sender's continuation run before time moves on.
            time.Advance(TimeSpan.FromMilliseconds(5));
            await Task.Delay(2);
        }

        await sending;
        var start = sink.Sent[0].At;
        Assert.Equal(16, sink.Sent.Count);
        Assert.Equal([0, 20, 40, 60, 80, 100, 120, 140, 240, 260, 280, 300, 320, 340, 360, 380],
            sink.Sent.Select(s => (int)(s.At - start).TotalMilliseconds));
        Assert.Equal((uint)(240 * 8), sink.Sent[8].Timestamp - sink.Sent[0].Timestamp);
        Assert.Equal([(byte)9, (byte)10], new[] { Parse(sink.Sent[0].Payload).EventCode, Parse(sink.Sent[8].Payload).EventCode });
    }

    [Fact]
    public async Task SendAsync_CancelledMidDigit_TheDigitStillEndsWithThreeEndPackets()
    {
        var time = new FakeTimeProvider();
        var sink = new RecordingSink(time);
        var sender = new DtmfSender(sink, 101, time);
        using var cancel = new CancellationTokenSource();

        Task sending = sender.SendAsync("5", cancel.Token);
        for (int i = 0; i < 8; i++)
        {
            time.Advance(TimeSpan.FromMilliseconds(5));
            await Task.Delay(2);
        }

        await cancel.CancelAsync();
        for (int i = 0; i < 40 && !sending.IsCompleted; i++)
        {
            time.Advance(TimeSpan.FromMilliseconds(5));
            await Task.Delay(2);
        }

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => sending);
        var ends = sink.Sent.Select(s => Parse(s.Payload)).Where(e => e.End).ToList();
        Assert.Equal(3, ends.Count);
        Assert.All(ends, e => Assert.Equal((byte)5, e.EventCode));
        Assert.True(Parse(sink.Sent[^1].Payload).End);
    }

    [Theory]
    [InlineData("0123456789*#ABCD", true)]
    [InlineData("abcd", true)]
    [InlineData("12x", false)]
    [InlineData("", false)]
    [InlineData("1 2", false)]
    public void AreDigits_OnlyDtmfCharacters(string digits, bool expected) => Assert.Equal(expected, DtmfSender.AreDigits(digits));

    private static TelephoneEvent Parse(byte[] payload)
    {
        Assert.True(TelephoneEvent.TryParse(payload, out TelephoneEvent value));
        return value;
    }

    private sealed class RecordingSink(TimeProvider time) : IRtpPacketSink
    {
        public List<(DateTimeOffset At, uint Timestamp, byte[] Payload)> Sent { get; } = [];

        public ValueTask SendRtpAsync(Memory<byte> packet, CancellationToken cancellationToken)
        {
            Assert.True(RtpPacket.TryParse(packet.Span, out RtpPacket parsed));
            Sent.Add((time.GetUtcNow(), parsed.Timestamp, parsed.Payload.ToArray()));
            return default;
        }
    }
}
