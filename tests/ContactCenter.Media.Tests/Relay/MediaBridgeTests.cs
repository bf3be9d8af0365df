using ContactCenter.Media.Audio;
using ContactCenter.Media.Codecs;
using ContactCenter.Media.Dtmf;
using ContactCenter.Media.Relay;
using Microsoft.Extensions.Time.Testing;
using NAudio.Wave;

namespace ContactCenter.Media.Tests.Relay;

public sealed class MediaBridgeTests
{
    private static readonly byte[] Voice = Enumerable.Repeat((byte)0x55, 160).ToArray();

    [Fact]
    public async Task Bridge_BothPhonesSend_EveryPacketArrivesAtTheOtherSide()
    {
        await using var host = new RelayTestHost();
        using var phoneA = new FakePhone();
        using var phoneB = new FakePhone { Ssrc = 2 };
        (MediaEndpoint a, MediaEndpoint b, _) = host.BridgePhones(phoneA, phoneB, MediaLegFormat.Pcmu, MediaLegFormat.Pcmu);

        await phoneA.SendStreamAsync(a.LocalRtpEndPoint, 0, 50, Voice);
        await phoneB.SendStreamAsync(b.LocalRtpEndPoint, 0, 50, Voice);
        List<ReceivedRtp> atB = await phoneB.ReceiveManyAsync(50);
        List<ReceivedRtp> atA = await phoneA.ReceiveManyAsync(50);

        Assert.Equal(50, a.Statistics.PacketsReceived);
        Assert.Equal(50, b.Statistics.PacketsSent);
        Assert.Equal(50, b.Statistics.PacketsReceived);
        Assert.Equal(50, a.Statistics.PacketsSent);
        Assert.All(atB, p => Assert.Equal(b.OutgoingSsrc, p.Ssrc));
        Assert.All(atA, p => Assert.Equal(a.OutgoingSsrc, p.Ssrc));
        Assert.Equal(Enumerable.Range(0, 50).Select(i => (ushort)(atB[0].Sequence + i)), atB.Select(p => p.Sequence));
    }

    [Fact]
    public async Task Bridge_PcmuToPcma_TranscodesSoDecodedSamplesMatch()
    {
        await using var host = new RelayTestHost();
        using var phoneA = new FakePhone();
        using var phoneB = new FakePhone();
        (MediaEndpoint a, MediaEndpoint b, _) = host.BridgePhones(phoneA, phoneB, new MediaLegFormat(0, G711Law.Pcmu, 101), new MediaLegFormat(8, G711Law.Pcma, 101));
        short[] sine = Signals.Sine(440, 8_000, 160, 0.5);
        byte[] pcmu = new byte[160];
        G711.Encode(G711Law.Pcmu, sine, pcmu);

        await phoneA.SendAsync(a.LocalRtpEndPoint, 0, 1, 160, pcmu);
        ReceivedRtp atB = await phoneB.ReceiveAsync();

        Assert.Equal(8, atB.PayloadType);
        short[] sent = new short[160];
        short[] received = new short[160];
        G711.Decode(G711Law.Pcmu, pcmu, sent);
        G711.Decode(G711Law.Pcma, atB.Payload, received);
        for (int i = 0; i < 160; i++)
        {
            Assert.InRange(Math.Abs(sent[i] - received[i]), 0, Math.Max(64, Math.Abs((int)sent[i]) / 8));
        }

        Assert.NotEqual(pcmu, atB.Payload);
    }

    [Fact]
    public async Task Bridge_TelephoneEventPayloadTypesDiffer_RewritesTypeKeepsPayloadAndTapSeesDigit()
    {
        await using var host = new RelayTestHost();
        using var phoneA = new FakePhone();
        using var phoneB = new FakePhone();
        (MediaEndpoint a, MediaEndpoint b, MediaBridge bridge) = host.BridgePhones(phoneA, phoneB, new MediaLegFormat(0, G711Law.Pcmu, 101), new MediaLegFormat(8, G711Law.Pcma, 96));
        var tap = new RecordingTap();
        using IDisposable registration = bridge.AddTap(tap);
        byte[] start = [5, 10, 0, 160];
        byte[] end = [5, 0x80 | 10, 3, 32];

        await phoneA.SendAsync(a.LocalRtpEndPoint, 101, 1, 8_000, start, marker: true);
        await phoneA.SendAsync(a.LocalRtpEndPoint, 101, 2, 8_000, end);
        await phoneA.SendAsync(a.LocalRtpEndPoint, 101, 3, 8_000, end);
        List<ReceivedRtp> atB = await phoneB.ReceiveManyAsync(3);

        Assert.All(atB, p => Assert.Equal(96, p.PayloadType));
        Assert.Equal(start, atB[0].Payload);
        Assert.Equal(end, atB[2].Payload);
        DtmfEvent dtmf = Assert.Single(tap.Dtmf).Event;
        Assert.Equal('5', dtmf.Digit);
        Assert.Equal(MediaLegSide.A, tap.Dtmf[0].Side);
    }

    [Fact]
    public async Task Replace_LegBridgedToThirdPhone_ReceiverSeesOneContinuousStream()
    {
        await using var host = new RelayTestHost();
        using var phoneA = new FakePhone { Ssrc = 1 };
        using var phoneB = new FakePhone();
        using var phoneC = new FakePhone { Ssrc = 3 };
        MediaEndpoint a = host.Endpoint(MediaLegFormat.Pcmu, phoneA);
        MediaEndpoint b = host.Endpoint(MediaLegFormat.Pcmu, phoneB);
        MediaEndpoint c = host.Endpoint(MediaLegFormat.Pcmu, phoneC);
        MediaBridge bridge = host.Bridge(a, b);
        await phoneA.SendStreamAsync(a.LocalRtpEndPoint, 0, 10, Voice, firstSequence: 100, firstTimestamp: 1_000);
        List<ReceivedRtp> before = await phoneB.ReceiveManyAsync(10);

        bridge.Replace(MediaLegSide.A, c);
        await phoneC.SendStreamAsync(c.LocalRtpEndPoint, 0, 10, Voice, firstSequence: 60_000, firstTimestamp: 4_000_000_000);
        List<ReceivedRtp> after = await phoneB.ReceiveManyAsync(10);
        await phoneA.SendAsync(a.LocalRtpEndPoint, 0, 110, 2_600, Voice);

        Assert.All(before.Concat(after), p => Assert.Equal(b.OutgoingSsrc, p.Ssrc));
        Assert.Equal(Enumerable.Range(0, 20).Select(i => (ushort)(before[0].Sequence + i)), before.Concat(after).Select(p => p.Sequence));
        Assert.True((int)(after[0].Timestamp - before[^1].Timestamp) >= 160);
        Assert.True(after[0].Marker);
        Assert.Equal(c, bridge.A);
        Assert.True(await phoneB.NothingArrivesAsync(TimeSpan.FromMilliseconds(100)));
    }

    [Fact]
    public async Task Hold_WithMusic_StopsRelayingAndPlaysMusicToTheOtherLeg()
    {
        var time = new FakeTimeProvider();
        await using var host = new RelayTestHost(time);
        using var phoneA = new FakePhone();
        using var phoneB = new FakePhone();
        (MediaEndpoint a, MediaEndpoint b, MediaBridge bridge) = host.BridgePhones(phoneA, phoneB, MediaLegFormat.Pcmu, MediaLegFormat.Pcmu);
        G711Frames music = G711Frames.Encode(Signals.Sine(300, 8_000, 480, 0.3), G711Law.Pcmu);

        bridge.Hold(MediaLegSide.B, music);
        host.Advance(TimeSpan.FromMilliseconds(40));
        List<ReceivedRtp> atA = await phoneA.ReceiveManyAsync(3);
        await phoneA.SendAsync(a.LocalRtpEndPoint, 0, 1, 160, Voice);
        await phoneB.SendAsync(b.LocalRtpEndPoint, 0, 1, 160, Voice);

        Assert.True(bridge.IsOnHold(MediaLegSide.B));
        for (int i = 0; i < 3; i++)
        {
            Assert.Equal(music[i].ToArray(), atA[i].Payload);
        }

        Assert.True(await phoneB.NothingArrivesAsync(TimeSpan.FromMilliseconds(150)));
        Assert.True(await phoneA.NothingArrivesAsync(TimeSpan.FromMilliseconds(50)));
    }

    [Fact]
    public async Task Resume_AfterHold_RelaysAgainInTheSameStream()
    {
        var time = new FakeTimeProvider();
        await using var host = new RelayTestHost(time);
        using var phoneA = new FakePhone();
        using var phoneB = new FakePhone();
        (MediaEndpoint a, MediaEndpoint b, MediaBridge bridge) = host.BridgePhones(phoneA, phoneB, MediaLegFormat.Pcmu, MediaLegFormat.Pcmu);
        bridge.Hold(MediaLegSide.B, G711Frames.Encode(new short[160], G711Law.Pcmu));
        ReceivedRtp music = await phoneA.ReceiveAsync();

        bridge.Resume(MediaLegSide.B);
        await phoneB.SendAsync(b.LocalRtpEndPoint, 0, 1, 160, Voice);
        ReceivedRtp voice = await phoneA.ReceiveAsync();

        Assert.Equal(Voice, voice.Payload);
        Assert.Equal(music.Ssrc, voice.Ssrc);
        Assert.Equal((ushort)(music.Sequence + 1), voice.Sequence);
    }

    [Fact]
    public async Task SilenceTimeout_NoRtpFromEitherLeg_RaisesEventOnce()
    {
        var time = new FakeTimeProvider();
        await using var host = new RelayTestHost(time, silenceTimeout: TimeSpan.FromSeconds(60));
        using var phoneA = new FakePhone();
        using var phoneB = new FakePhone();
        MediaBridge bridge = host.Bridge(host.Endpoint(MediaLegFormat.Pcmu, phoneA), host.Endpoint(MediaLegFormat.Pcmu, phoneB));
        int raised = 0;
        bridge.SilenceTimedOut += (_, _) => raised++;

        host.Advance(TimeSpan.FromSeconds(59), TimeSpan.FromSeconds(1));
        int before = raised;
        host.Advance(TimeSpan.FromSeconds(120), TimeSpan.FromSeconds(1));

        Assert.Equal(0, before);
        Assert.Equal(1, raised);
    }

    [Fact]
    public async Task SilenceTimeout_RtpArrivesMidway_RestartsTheTimeout()
    {
        var time = new FakeTimeProvider();
        await using var host = new RelayTestHost(time, silenceTimeout: TimeSpan.FromSeconds(60));
        using var phoneA = new FakePhone();
        using var phoneB = new FakePhone();
        MediaEndpoint a = host.Endpoint(MediaLegFormat.Pcmu, phoneA);
        MediaBridge bridge = host.Bridge(a, host.Endpoint(MediaLegFormat.Pcmu, phoneB));
        int raised = 0;
        bridge.SilenceTimedOut += (_, _) => raised++;

        host.Advance(TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(1));
        await phoneA.SendAsync(a.LocalRtpEndPoint, 0, 1, 160, Voice);
        await phoneB.ReceiveAsync();
        host.Advance(TimeSpan.FromSeconds(50), TimeSpan.FromSeconds(1));
        int afterEighty = raised;
        host.Advance(TimeSpan.FromSeconds(15), TimeSpan.FromSeconds(1));

        Assert.Equal(0, afterEighty);
        Assert.Equal(1, raised);
    }

    [Fact]
    public async Task RecordingTap_BothPhonesTalk_WavHasEnergyAboveSilence()
    {
        await using var host = new RelayTestHost();
        using var phoneA = new FakePhone();
        using var phoneB = new FakePhone();
        (MediaEndpoint a, MediaEndpoint b, MediaBridge bridge) = host.BridgePhones(phoneA, phoneB, MediaLegFormat.Pcmu, MediaLegFormat.Pcma);
        var output = new MemoryStream();
        var tap = new CallRecordingTap(new CallRecordingWriter(output, RecordingLayout.Stereo));
        IDisposable registration = bridge.AddTap(tap);
        byte[] toneA = new byte[160];
        byte[] toneB = new byte[160];
        G711.Encode(G711Law.Pcmu, Signals.Sine(400, 8_000, 160, 0.5), toneA);
        G711.Encode(G711Law.Pcma, Signals.Sine(1_000, 8_000, 160, 0.5), toneB);

        for (int i = 0; i < 25; i++)
        {
            await phoneA.SendAsync(a.LocalRtpEndPoint, 0, (ushort)i, (uint)(160 * i), toneA);
            await phoneB.SendAsync(b.LocalRtpEndPoint, 8, (ushort)i, (uint)(160 * i), toneB);
            await phoneB.ReceiveAsync();
            await phoneA.ReceiveAsync();
        }

        registration.Dispose();
        await tap.DisposeAsync();

        using var reader = new WaveFileReader(new MemoryStream(output.ToArray()));
        Assert.Equal(2, reader.WaveFormat.Channels);
        Assert.Equal(25 * 160, reader.SampleCount);
        byte[] bytes = new byte[(int)reader.Length];
        reader.ReadExactly(bytes);
        short[] samples = new short[bytes.Length / 2];
        Buffer.BlockCopy(bytes, 0, samples, 0, bytes.Length);
        double leftRms = Rms(samples.Where((_, i) => i % 2 == 0));
        double rightRms = Rms(samples.Where((_, i) => i % 2 == 1));
        Assert.True(leftRms > 5_000, $"left RMS {leftRms}");
        Assert.True(rightRms > 5_000, $"right RMS {rightRms}");
    }

    private static double Rms(IEnumerable<short> samples) => Math.Sqrt(samples.Average(s => (double)s * s));

    private sealed class RecordingTap : IMediaTap
    {
        public List<(MediaLegSide Side, DtmfEvent Event)> Dtmf { get; } = [];

        public void OnAudio(MediaLegSide source, ReadOnlySpan<short> samples)
        {
        }

        public void OnDtmf(MediaLegSide source, DtmfEvent dtmf)
        {
            lock (Dtmf)
            {
                Dtmf.Add((source, dtmf));
            }
        }
    }
}
