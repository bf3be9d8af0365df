using Concentus;
using Concentus.Enums;
using ContactCenter.Media.Codecs;

namespace ContactCenter.Media.WebRtc;

/// <summary>
/// One browser leg's transcoding between Opus (RFC 7587: 48 kHz RTP clock, 20 ms frames) and G.711 at 8 kHz for the other
/// leg, through Concentus. Toward the browser the encoder takes the 8 kHz samples and codes them as narrowband Opus (the
/// bitstream is rate-independent; the browser plays it at 48 kHz). From the browser, a narrowband packet (its TOC byte
/// says so, RFC 6716 §3.1: what a browser sends when our SDP says <c>maxplaybackrate=8000</c>, RFC 7587 §6.1) is decoded
/// straight at 8 kHz; any wider one is rendered at 48 kHz (Concentus 2.2.2 renders a fullband stream as silence when asked
/// for 8 kHz directly) and Concentus's resampler takes it to 8 kHz. Not thread-safe: one instance per leg, each direction
/// used from its one media path.
/// </summary>
public sealed class OpusG711Transcoder
{
    /// <summary>Samples of one 20 ms G.711 frame.</summary>
    public const int G711FrameSamples = G711.SamplesPerFrame;

    /// <summary>The Opus RTP timestamp step of one 20 ms frame (48 kHz clock, RFC 7587 §4.1).</summary>
    public const int OpusTimestampStep = 960;

    /// <summary>The largest Opus frame we decode, in 8 kHz samples (120 ms): G.711 buffers of this size always suffice.</summary>
    public const int MaxDecodedSamples = 960;

    private const int OpusRate = 48_000;
    private const int MaxOpusSamples = MaxDecodedSamples * 6;

    /// <summary>A buffer big enough for one encoded 20 ms frame.</summary>
    public const int MaxOpusFrameBytes = 400;

    private readonly G711Law _law;
    private readonly IOpusEncoder _encoder;
    private readonly IOpusDecoder _decoder;
    private readonly IOpusDecoder _narrowDecoder;
    private readonly IResampler _downsampler;
    private readonly short[] _pcm = new short[MaxDecodedSamples];
    private readonly short[] _wide = new short[MaxOpusSamples];
    private bool _lastNarrow;

    /// <summary>
    /// Creates the codecs: a mono encoder at 8 kHz, <paramref name="bitrate"/> bit/s and <paramref name="complexity"/>, a mono
    /// decoder at 48 kHz, one at 8 kHz and a 48-to-8 kHz resampler. By default the encoder is CELT-only (Opus's restricted
    /// low-delay application) at complexity 0: for a G.711 source it costs about half of SILK (VoIP) at complexity 0 or 1
    /// in Concentus (bench/media, OpusEncoderSettingsBenchmarks), and a tone keeps its pitch and loudness through it.
    /// <paramref name="celtOnly"/> false gives the VoIP (SILK) encoder.
    /// </summary>
    public OpusG711Transcoder(G711Law law, int bitrate = 24_000, int complexity = 0, bool celtOnly = true)
    {
        _law = law;
        _encoder = OpusCodecFactory.CreateEncoder(G711.SampleRate, 1,
            celtOnly ? OpusApplication.OPUS_APPLICATION_RESTRICTED_LOWDELAY : OpusApplication.OPUS_APPLICATION_VOIP);
        _encoder.Bitrate = bitrate;
        _encoder.Complexity = complexity;
        _encoder.SignalType = OpusSignal.OPUS_SIGNAL_VOICE;
        _decoder = OpusCodecFactory.CreateDecoder(OpusRate, 1);
        _narrowDecoder = OpusCodecFactory.CreateDecoder(G711.SampleRate, 1);
        _downsampler = ResamplerFactory.CreateResampler(1, OpusRate, G711.SampleRate, 5);
    }

    /// <summary>
    /// Encodes one 20 ms G.711 frame (160 bytes) as one Opus packet into <paramref name="opus"/>
    /// (<see cref="MaxOpusFrameBytes"/> is enough); returns its length.
    /// </summary>
    public int G711ToOpus(ReadOnlySpan<byte> g711, Span<byte> opus)
    {
        if (g711.Length != G711FrameSamples)
        {
            throw new ArgumentException("One 20 ms G.711 frame is 160 bytes.", nameof(g711));
        }

        var pcm = _pcm.AsSpan(0, G711FrameSamples);
        G711.Decode(_law, g711, pcm);
        return _encoder.Encode(pcm, G711FrameSamples, opus, opus.Length);
    }

    /// <summary>
    /// Decodes one Opus packet into G.711 (<see cref="MaxDecodedSamples"/> bytes is enough): 160 bytes for a 20 ms packet.
    /// Returns the bytes written, or -1 when the packet does not decode (the caller conceals or drops it).
    /// </summary>
    public int OpusToG711(ReadOnlySpan<byte> opus, Span<byte> g711)
    {
        try
        {
            if (!opus.IsEmpty && IsNarrowband(opus[0]))
            {
                _lastNarrow = true;
                var narrow = _narrowDecoder.Decode(opus, _pcm, _pcm.Length, false);
                return narrow <= 0 ? -1 : Encode(narrow, g711);
            }

            _lastNarrow = false;
            var wide = _decoder.Decode(opus, _wide, MaxOpusSamples, false);
            return wide <= 0 ? -1 : Downsample(wide, g711);
        }
        catch (OpusException)
        {
            return -1;
        }
        catch (ArgumentException)
        {
            return -1;
        }
    }

    /// <summary>Opus's packet-loss concealment for one missing 20 ms packet, as G.711 (160 bytes), by the decoder of the last packet.</summary>
    public int ConcealLoss(Span<byte> g711)
    {
        if (_lastNarrow)
        {
            return Encode(_narrowDecoder.Decode(ReadOnlySpan<byte>.Empty, _pcm, G711FrameSamples, false), g711);
        }

        var wide = _decoder.Decode(ReadOnlySpan<byte>.Empty, _wide, OpusTimestampStep, false);
        return Downsample(wide, g711);
    }

    /// <summary>RFC 6716 §3.1: configurations 0-3 (SILK) and 16-19 (CELT) of the TOC byte's top five bits are narrowband.</summary>
    public static bool IsNarrowband(byte toc) => (toc >> 3) is <= 3 or (>= 16 and <= 19);

    private int Encode(int samples, Span<byte> g711)
    {
        samples = Math.Min(samples, g711.Length);
        G711.Encode(_law, _pcm.AsSpan(0, samples), g711);
        return samples;
    }

    private int Downsample(int wide, Span<byte> g711)
    {
        var consumed = wide;
        var samples = Math.Min(_pcm.Length, g711.Length);
        _downsampler.Process(0, _wide.AsSpan(0, wide), ref consumed, _pcm, ref samples);
        return Encode(samples, g711);
    }
}
