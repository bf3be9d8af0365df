using ContactCenter.Media.Audio;
using ContactCenter.Media.Codecs;
using NAudio.Wave;

namespace ContactCenter.Media.Tests.Audio;

public sealed class AudioFileLoaderTests
{
    private static byte[] Wav(WaveFormat format, double seconds, double frequency)
    {
        var stream = new MemoryStream();
        using (var writer = new WaveFileWriter(stream, format))
        {
            int frames = (int)(seconds * format.SampleRate);
            for (int i = 0; i < frames; i++)
            {
                float sample = (float)(0.5 * Math.Sin(2 * Math.PI * frequency * i / format.SampleRate));
                for (int channel = 0; channel < format.Channels; channel++)
                {
                    // NAudio's WriteSample has no 8-bit path; 8-bit PCM is unsigned with 128 as zero.
                    if (format.BitsPerSample == 8)
                    {
                        writer.WriteByte((byte)(128 + (sample * 127)));
                    }
                    else
                    {
                        writer.WriteSample(sample);
                    }
                }
            }
        }

        return stream.ToArray();
    }

    public static TheoryData<int, int, int> Formats => new()
    {
        { 44_100, 16, 1 },
        { 16_000, 16, 1 },
        { 48_000, 16, 2 },
        { 8_000, 16, 1 },
        { 22_050, 8, 1 },
        { 32_000, 24, 2 },
    };

    [Theory]
    [MemberData(nameof(Formats))]
    public void ReadPcm8kMono_SineWav_KeepsDurationAndFrequency(int rate, int bits, int channels)
    {
        byte[] wav = Wav(new WaveFormat(rate, bits, channels), 2.0, 440);

        short[] samples = AudioFileLoader.ReadPcm8kMono(new MemoryStream(wav));

        Assert.InRange(samples.Length, 16_000 - 80, 16_000 + 80);
        // 440 Hz for 2 s crosses zero 1760 times.
        Assert.InRange(Signals.ZeroCrossings(samples), 1750, 1770);
        Assert.InRange(samples.Max(), 14_000, 18_500);
    }

    [Fact]
    public void ReadPcm8kMono_IeeeFloatStereo_IsDownmixed()
    {
        byte[] wav = Wav(WaveFormat.CreateIeeeFloatWaveFormat(16_000, 2), 1.0, 1000);

        short[] samples = AudioFileLoader.ReadPcm8kMono(new MemoryStream(wav));

        Assert.InRange(samples.Length, 7_960, 8_040);
        Assert.InRange(Signals.ZeroCrossings(samples), 1990, 2010);
    }

    [Fact]
    public void ReadPcm8kMono_NotWav_ThrowsFormatException()
    {
        byte[] junk = "this is not a RIFF file at all, only text"u8.ToArray();

        Assert.Throws<FormatException>(() => AudioFileLoader.ReadPcm8kMono(new MemoryStream(junk)));
    }

    [Fact]
    public async Task LoadG711FramesAsync_File_GivesTwentyMillisecondFrames()
    {
        string path = Path.Combine(Path.GetTempPath(), $"cc-media-{Guid.NewGuid():N}.wav");
        await File.WriteAllBytesAsync(path, Wav(new WaveFormat(44_100, 16, 1), 1.01, 440), CancellationToken.None);
        try
        {
            G711Frames frames = await AudioFileLoader.LoadG711FramesAsync(path, G711Law.Pcma, CancellationToken.None);

            Assert.Equal(51, frames.Count);
            Assert.Equal(G711Law.Pcma, frames.Law);
            Assert.Equal(TimeSpan.FromMilliseconds(1020), frames.Duration);
            Assert.Equal(G711.SamplesPerFrame, frames[50].Length);
            Assert.Equal(G711.PcmaSilence, frames[50].Span[^1]);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Encode_PartialFrame_PadsWithSilence()
    {
        G711Frames frames = G711Frames.Encode(new short[170], G711Law.Pcmu);

        Assert.Equal(2, frames.Count);
        Assert.All(frames[1].ToArray(), b => Assert.Equal(G711.PcmuSilence, b));
        Assert.Throws<ArgumentOutOfRangeException>(() => frames[2]);
    }
}
