using ContactCenter.Media.Audio;
using ContactCenter.Media.Codecs;
using NAudio.Wave;

namespace ContactCenter.Media.Tests.Audio;

public sealed class CallRecordingWriterTests
{
    private static async Task<byte[]> RecordAsync(RecordingLayout layout, Func<CallRecordingWriter, Task> write)
    {
        var stream = new MemoryStream();
        await using (var writer = new CallRecordingWriter(stream, layout))
        {
            await write(writer);
        }

        return stream.ToArray();
    }

    private static short[] ReadSamples(byte[] wav, out WaveFormat format)
    {
        using var reader = new WaveFileReader(new MemoryStream(wav));
        format = reader.WaveFormat;
        byte[] data = new byte[reader.Length];
        reader.ReadExactly(data);
        short[] samples = new short[data.Length / 2];
        Buffer.BlockCopy(data, 0, samples, 0, data.Length);
        return samples;
    }

    [Fact]
    public async Task WriteAsync_Stereo_PutsEachSideOnItsChannel()
    {
        byte[] wav = await RecordAsync(RecordingLayout.Stereo, async w =>
        {
            await w.WriteAsync(new short[] { 100, 200 }, new short[] { -5, -6 }, CancellationToken.None);
            await w.WriteAsync(new short[] { 300 }, ReadOnlyMemory<short>.Empty, CancellationToken.None);
        });

        short[] samples = ReadSamples(wav, out WaveFormat format);

        Assert.Equal((8000, 16, 2), (format.SampleRate, format.BitsPerSample, format.Channels));
        Assert.Equal([100, -5, 200, -6, 300, 0], samples);
    }

    [Fact]
    public async Task WriteAsync_MonoMix_SumsAndClips()
    {
        byte[] wav = await RecordAsync(RecordingLayout.MonoMix, async w =>
            await w.WriteAsync(new short[] { 100, 30_000 }, new short[] { 20, 10_000 }, CancellationToken.None));

        short[] samples = ReadSamples(wav, out WaveFormat format);

        Assert.Equal(1, format.Channels);
        Assert.Equal([120, short.MaxValue], samples);
    }

    [Fact]
    public async Task WriteG711Async_Frames_DecodedAndTimed()
    {
        byte[] pcmu = Enumerable.Repeat(G711.PcmuSilence, 160).ToArray();
        byte[] pcma = Enumerable.Repeat((byte)0xAA, 160).ToArray();
        TimeSpan duration = default;

        byte[] wav = await RecordAsync(RecordingLayout.Stereo, async w =>
        {
            for (int i = 0; i < 50; i++)
            {
                await w.WriteG711Async(pcmu, G711Law.Pcmu, pcma, G711Law.Pcma, CancellationToken.None);
            }

            duration = w.Duration;
        });

        short[] samples = ReadSamples(wav, out _);
        Assert.Equal(TimeSpan.FromSeconds(1), duration);
        Assert.Equal(16_000, samples.Length);
        Assert.Equal([0, 32256], samples[..2]);
    }
}
