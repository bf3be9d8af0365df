using ContactCenter.Media.Audio;
using ContactCenter.Media.Codecs;
using ContactCenter.Media.Relay;
using ContactCenter.Media.Rtp;
using Microsoft.Extensions.Time.Testing;

namespace ContactCenter.Media.Tests.Relay;

public sealed class AnnouncementPlayerTests
{
    private static G711Frames Frames(int count)
    {
        short[] samples = new short[count * 160];
        for (int i = 0; i < samples.Length; i++)
        {
            samples[i] = (short)((i / 160) * 100); // each frame distinct
        }

        return G711Frames.Encode(samples, G711Law.Pcmu);
    }

    private static void Advance(FakeTimeProvider time, TimeSpan total)
    {
        for (TimeSpan done = TimeSpan.Zero; done < total; done += TimeSpan.FromMilliseconds(20))
        {
            time.Advance(TimeSpan.FromMilliseconds(20));
        }
    }

    [Fact]
    public void Start_OneSecond_SendsFiftyOnePacketsWithRunningHeaders()
    {
        var time = new FakeTimeProvider();
        var sink = new CapturingSink(time);
        var player = new AnnouncementPlayer(sink, Frames(100), MediaLegFormat.Pcmu, loop: false, time);

        player.Start();
        Advance(time, TimeSpan.FromSeconds(1));

        Assert.Equal(51, sink.Packets.Count);
        Assert.All(sink.Packets, p => Assert.Equal(player.Ssrc, p.Ssrc));
        Assert.All(sink.Packets, p => Assert.Equal(0, p.PayloadType));
        Assert.All(sink.Packets, p => Assert.Equal(160, p.Payload.Length));
        for (int i = 1; i < sink.Packets.Count; i++)
        {
            Assert.Equal((ushort)(sink.Packets[i - 1].Sequence + 1), sink.Packets[i].Sequence);
            Assert.Equal(sink.Packets[i - 1].Timestamp + 160, sink.Packets[i].Timestamp);
            Assert.False(sink.Packets[i].Marker);
        }

        Assert.True(sink.Packets[0].Marker);
        Assert.Equal(TimeSpan.Zero, sink.Packets[0].At);
        Assert.Equal(TimeSpan.FromMilliseconds(1000), sink.Packets[^1].At);
    }

    [Fact]
    public async Task Start_Once_CompletesAfterLastFrame()
    {
        var time = new FakeTimeProvider();
        var sink = new CapturingSink(time);
        G711Frames frames = Frames(5);
        var player = new AnnouncementPlayer(sink, frames, MediaLegFormat.Pcmu, loop: false, time);

        player.Start();
        Advance(time, TimeSpan.FromMilliseconds(200));

        Assert.True(await player.Completion);
        Assert.Equal(5, sink.Packets.Count);
        Assert.Equal(frames[4].ToArray(), sink.Packets[4].Payload);
    }

    [Fact]
    public void Start_Loop_StartsAgainAfterLastFrame()
    {
        var time = new FakeTimeProvider();
        var sink = new CapturingSink(time);
        G711Frames frames = Frames(3);
        var player = new AnnouncementPlayer(sink, frames, MediaLegFormat.Pcmu, loop: true, time);

        player.Start();
        Advance(time, TimeSpan.FromMilliseconds(200));

        Assert.Equal(11, sink.Packets.Count);
        Assert.Equal(frames[0].ToArray(), sink.Packets[3].Payload);
        Assert.False(player.Completion.IsCompleted);
    }

    [Fact]
    public async Task Stop_WhilePlaying_CompletesFalseAndSendsNoMore()
    {
        var time = new FakeTimeProvider();
        var sink = new CapturingSink(time);
        var player = new AnnouncementPlayer(sink, Frames(100), MediaLegFormat.Pcmu, loop: false, time);
        player.Start();
        Advance(time, TimeSpan.FromMilliseconds(100));

        player.Stop();
        Advance(time, TimeSpan.FromMilliseconds(100));

        Assert.False(await player.Completion);
        Assert.Equal(6, sink.Packets.Count);
    }

    [Fact]
    public void Start_FramesInOtherLaw_TranscodesToTheLegsLaw()
    {
        var time = new FakeTimeProvider();
        var sink = new CapturingSink(time);
        G711Frames frames = Frames(1);
        var player = new AnnouncementPlayer(sink, frames, MediaLegFormat.Pcma, loop: false, time);

        player.Start();

        byte[] expected = new byte[160];
        G711.Transcode(G711Law.Pcmu, G711Law.Pcma, frames[0].Span, expected);
        Assert.Equal(8, sink.Packets[0].PayloadType);
        Assert.Equal(expected, sink.Packets[0].Payload);
    }

    private sealed class CapturingSink(TimeProvider? time = null) : IRtpPacketSink
    {
        private readonly long _start = (time ?? TimeProvider.System).GetTimestamp();

        public List<(byte PayloadType, ushort Sequence, uint Timestamp, uint Ssrc, bool Marker, byte[] Payload, TimeSpan At)> Packets { get; } = [];

        public TimeProvider Time { get; } = time ?? TimeProvider.System;

        public ValueTask SendRtpAsync(Memory<byte> packet, CancellationToken cancellationToken)
        {
            Assert.True(RtpPacket.TryParse(packet.Span, out RtpPacket p));
            Packets.Add((p.PayloadType, p.SequenceNumber, p.Timestamp, p.Ssrc, p.Marker, p.Payload.ToArray(), Time.GetElapsedTime(_start)));
            return default;
        }
    }
}
