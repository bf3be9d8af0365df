using ContactCenter.Media.Codecs;
using NAudio.Wave;
using NAudio.Wave.SampleProviders;

namespace ContactCenter.Media.Audio;

/// <summary>
/// Loads announcements and music on hold: any WAV NAudio reads (PCM 8/16/24/32-bit, IEEE float, any
/// rate and channel count) becomes 8 kHz mono 16-bit PCM, then 20 ms G.711 frames. Channels are
/// averaged; the rate is converted with NAudio's WDL resampler (which low-pass filters first).
/// </summary>
public static class AudioFileLoader
{
    /// <summary>Reads a WAV file and encodes it as G.711 frames.</summary>
    public static async Task<G711Frames> LoadG711FramesAsync(string path, G711Law law, CancellationToken cancellationToken)
    {
        short[] samples = await LoadPcm8kMonoAsync(path, cancellationToken);
        return G711Frames.Encode(samples, law);
    }

    /// <summary>Reads a WAV file as 8 kHz mono 16-bit samples.</summary>
    public static async Task<short[]> LoadPcm8kMonoAsync(string path, CancellationToken cancellationToken)
    {
        byte[] file = await File.ReadAllBytesAsync(path, cancellationToken);
        using var stream = new MemoryStream(file, writable: false);
        return ReadPcm8kMono(stream);
    }

    /// <summary>Decodes a WAV held in <paramref name="wav"/> (already in memory) to 8 kHz mono 16-bit samples.</summary>
    /// <exception cref="FormatException">The data is not a WAV file NAudio can read.</exception>
    public static short[] ReadPcm8kMono(Stream wav)
    {
        ArgumentNullException.ThrowIfNull(wav);
        WaveFileReader reader;
        try
        {
            reader = new WaveFileReader(wav);
        }
        catch (Exception ex) when (ex is FormatException or InvalidDataException or EndOfStreamException or ArgumentException)
        {
            throw new FormatException("Not a readable WAV file.", ex);
        }

        using (reader)
        {
            ISampleProvider samples = ToSampleProvider(reader);
            if (samples.WaveFormat.Channels > 1)
            {
                samples = new MonoDownmixSampleProvider(samples);
            }

            if (samples.WaveFormat.SampleRate != G711.SampleRate)
            {
                samples = new WdlResamplingSampleProvider(samples, G711.SampleRate);
            }

            return ReadAll(samples);
        }
    }

    /// <summary>Writes <paramref name="samples"/> (8 kHz mono 16-bit) as a WAV file to <paramref name="output"/> (NAudio leaves a given stream open).</summary>
    public static void WritePcm8kMonoWav(ReadOnlySpan<short> samples, Stream output)
    {
        ArgumentNullException.ThrowIfNull(output);
        using var writer = new WaveFileWriter(output, new WaveFormat(G711.SampleRate, 16, 1));
        var bytes = new byte[samples.Length * sizeof(short)];
        System.Runtime.InteropServices.MemoryMarshal.AsBytes(samples).CopyTo(bytes);
        writer.Write(bytes, 0, bytes.Length);
    }

    /// <summary>The sample rate, channels and length of the WAV file at <paramref name="path"/> (its header only), or null when unreadable.</summary>
    public static (int SampleRate, int Channels, TimeSpan Duration)? Describe(string path)
    {
        try
        {
            using var reader = new WaveFileReader(path);
            return (reader.WaveFormat.SampleRate, reader.WaveFormat.Channels, reader.TotalTime);
        }
        catch (Exception ex) when (ex is FormatException or InvalidDataException or EndOfStreamException or ArgumentException or IOException)
        {
            return null;
        }
    }

    private static SampleChannel ToSampleProvider(WaveFileReader reader)
    {
        try
        {
            return new SampleChannel(reader, forceStereo: false);
        }
        catch (ArgumentException ex)
        {
            throw new FormatException($"Unsupported WAV encoding {reader.WaveFormat.Encoding}.", ex);
        }
    }

    private static short[] ReadAll(ISampleProvider samples)
    {
        var output = new List<short>();
        float[] buffer = new float[4096];
        int read;
        while ((read = samples.Read(buffer)) > 0)
        {
            for (int i = 0; i < read; i++)
            {
                output.Add((short)Math.Clamp(MathF.Round(buffer[i] * short.MaxValue), short.MinValue, short.MaxValue));
            }
        }

        return [.. output];
    }
}
