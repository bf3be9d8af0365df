using ContactCenter.Sdp.OfferAnswer;
using NAudio.Codecs;

namespace ContactCenter.Media.Codecs;

/// <summary>
/// G.711 encode, decode and PCMU/PCMA transcoding over spans, without allocation. The sample
/// conversions are NAudio's; the transcoding tables are built from them once.
/// </summary>
public static class G711
{
    /// <summary>Samples (and bytes) in a 20 ms frame at 8 kHz.</summary>
    public const int SamplesPerFrame = 160;

    /// <summary>The telephony sample rate.</summary>
    public const int SampleRate = 8000;

    /// <summary>Mu-law silence (linear 0).</summary>
    public const byte PcmuSilence = 0xFF;

    /// <summary>A-law silence (linear +8, the code nearest 0).</summary>
    public const byte PcmaSilence = 0xD5;

    private static readonly byte[] PcmuToPcmaTable = BuildTable(static b => ALawEncoder.LinearToALawSample(MuLawDecoder.MuLawToLinearSample(b)));
    private static readonly byte[] PcmaToPcmuTable = BuildTable(static b => MuLawEncoder.LinearToMuLawSample(ALawDecoder.ALawToLinearSample(b)));

    /// <summary>The law of an SDP codec, if it is PCMU or PCMA at 8 kHz.</summary>
    public static bool TryGetLaw(SdpCodec codec, out G711Law law)
    {
        ArgumentNullException.ThrowIfNull(codec);
        law = default;
        if (codec.ClockRate != SampleRate)
        {
            return false;
        }

        if (string.Equals(codec.Name, "PCMU", StringComparison.OrdinalIgnoreCase))
        {
            law = G711Law.Pcmu;
            return true;
        }

        law = G711Law.Pcma;
        return string.Equals(codec.Name, "PCMA", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>The silence byte of <paramref name="law"/>.</summary>
    public static byte Silence(G711Law law) => law == G711Law.Pcmu ? PcmuSilence : PcmaSilence;

    /// <summary>Encodes 16-bit linear samples; <paramref name="destination"/> needs one byte per sample.</summary>
    public static void Encode(G711Law law, ReadOnlySpan<short> samples, Span<byte> destination)
    {
        CheckLength(samples.Length, destination.Length);
        if (law == G711Law.Pcmu)
        {
            for (int i = 0; i < samples.Length; i++)
            {
                destination[i] = MuLawEncoder.LinearToMuLawSample(samples[i]);
            }
        }
        else
        {
            for (int i = 0; i < samples.Length; i++)
            {
                destination[i] = ALawEncoder.LinearToALawSample(samples[i]);
            }
        }
    }

    /// <summary>Decodes to 16-bit linear samples; <paramref name="destination"/> needs one sample per byte.</summary>
    public static void Decode(G711Law law, ReadOnlySpan<byte> encoded, Span<short> destination)
    {
        CheckLength(encoded.Length, destination.Length);
        if (law == G711Law.Pcmu)
        {
            MuLawDecoder.Decode(encoded, destination);
        }
        else
        {
            ALawDecoder.Decode(encoded, destination);
        }
    }

    /// <summary>
    /// Converts between the laws byte by byte (source and destination may be the same span);
    /// the same law copies.
    /// </summary>
    public static void Transcode(G711Law from, G711Law to, ReadOnlySpan<byte> source, Span<byte> destination)
    {
        CheckLength(source.Length, destination.Length);
        if (from == to)
        {
            source.CopyTo(destination);
            return;
        }

        ReadOnlySpan<byte> table = from == G711Law.Pcmu ? PcmuToPcmaTable : PcmaToPcmuTable;
        for (int i = 0; i < source.Length; i++)
        {
            destination[i] = table[source[i]];
        }
    }

    private static void CheckLength(int source, int destination)
    {
        if (destination < source)
        {
            throw new ArgumentException("The destination is shorter than the source.", nameof(destination));
        }
    }

    private static byte[] BuildTable(Func<byte, byte> map)
    {
        byte[] table = new byte[256];
        for (int i = 0; i < table.Length; i++)
        {
            table[i] = map((byte)i);
        }

        return table;
    }
}
