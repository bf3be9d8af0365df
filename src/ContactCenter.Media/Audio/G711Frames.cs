using ContactCenter.Media.Codecs;

namespace ContactCenter.Media.Audio;

/// <summary>Audio encoded as consecutive 20 ms G.711 frames (160 bytes each), ready to send as RTP payloads.</summary>
public sealed class G711Frames
{
    private readonly byte[] _data;

    private G711Frames(G711Law law, byte[] data)
    {
        Law = law;
        _data = data;
    }

    /// <summary>The law the frames are encoded in.</summary>
    public G711Law Law { get; }

    /// <summary>The number of frames.</summary>
    public int Count => _data.Length / G711.SamplesPerFrame;

    /// <summary>The playing time.</summary>
    public TimeSpan Duration => TimeSpan.FromMilliseconds(Count * 20);

    /// <summary>The frame at <paramref name="index"/>.</summary>
    public ReadOnlyMemory<byte> this[int index]
    {
        get
        {
            ArgumentOutOfRangeException.ThrowIfNegative(index);
            ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, Count);
            return _data.AsMemory(index * G711.SamplesPerFrame, G711.SamplesPerFrame);
        }
    }

    /// <summary>The frames of <paramref name="parts"/> one after another (all in one law), e.g. a sentence built from recorded words.</summary>
    public static G711Frames Concat(IReadOnlyList<G711Frames> parts)
    {
        ArgumentNullException.ThrowIfNull(parts);
        if (parts.Count == 0)
        {
            throw new ArgumentException("Nothing to join.", nameof(parts));
        }

        var law = parts[0].Law;
        if (parts.Any(p => p.Law != law))
        {
            throw new ArgumentException("All parts must be in one law.", nameof(parts));
        }

        var data = new byte[parts.Sum(p => p._data.Length)];
        var offset = 0;
        foreach (var part in parts)
        {
            part._data.CopyTo(data, offset);
            offset += part._data.Length;
        }

        return new G711Frames(law, data);
    }

    /// <summary>Encodes 8 kHz mono samples; the last frame is padded with silence.</summary>
    public static G711Frames Encode(ReadOnlySpan<short> samples, G711Law law)
    {
        int frames = (samples.Length + G711.SamplesPerFrame - 1) / G711.SamplesPerFrame;
        byte[] data = new byte[frames * G711.SamplesPerFrame];
        G711.Encode(law, samples, data);
        data.AsSpan(samples.Length).Fill(G711.Silence(law));
        return new G711Frames(law, data);
    }
}
