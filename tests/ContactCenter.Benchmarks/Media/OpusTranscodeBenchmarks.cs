using BenchmarkDotNet.Attributes;
using Concentus;
using Concentus.Enums;
using ContactCenter.Media.Codecs;
using ContactCenter.Media.WebRtc;

namespace ContactCenter.Benchmarks.Media;

/// <summary>
/// A browser leg's codec work per 20 ms, one call: Opus from the browser to G.711 and G.711 to Opus toward it, beside the
/// baseline a plain G.711 leg does in the same run (PCMU to PCMA and back). Two browser streams: fullband (what browsers
/// send by default: decode at 48 kHz, resample to 8 kHz) and narrowband (what they send when our SDP says
/// maxplaybackrate=8000: decoded at 8 kHz). CPU per 100 calls = mean per call-frame x 50 frames/s x 100 (bench/media/opus.sh).
/// </summary>
[MemoryDiagnoser]
[MedianColumn]
public class OpusTranscodeBenchmarks
{
    private readonly byte[][] _fromBrowser = new byte[50][];
    private readonly byte[][] _fromBrowserNarrowband = new byte[50][];
    private readonly byte[][] _fromCaller = new byte[50][];
    private readonly byte[] _g711 = new byte[OpusG711Transcoder.MaxDecodedSamples];
    private readonly byte[] _opus = new byte[OpusG711Transcoder.MaxOpusFrameBytes];
    private OpusG711Transcoder _transcoder = null!;
    private OpusG711Transcoder _narrowTranscoder = null!;
    private int _frame;

    [GlobalSetup]
    public void Setup()
    {
        // One second of speech-like sound (two tones, a slow swell) as the browser would send it, and as the caller does.
        var browser = OpusCodecFactory.CreateEncoder(48_000, 1, OpusApplication.OPUS_APPLICATION_VOIP);
        var narrowBrowser = OpusCodecFactory.CreateEncoder(48_000, 1, OpusApplication.OPUS_APPLICATION_VOIP);
        narrowBrowser.MaxBandwidth = OpusBandwidth.OPUS_BANDWIDTH_NARROWBAND;
        var wide = new short[960];
        var narrow = new short[160];
        var encoded = new byte[1_275];
        for (var f = 0; f < 50; f++)
        {
            for (var i = 0; i < 960; i++)
            {
                var t = ((f * 960) + i) / 48_000.0;
                wide[i] = (short)(8_000 * (0.6 + (0.4 * Math.Sin(2 * Math.PI * 3 * t))) * (Math.Sin(2 * Math.PI * 310 * t) + (0.5 * Math.Sin(2 * Math.PI * 1_270 * t))));
            }

            var length = browser.Encode(wide, 960, encoded, encoded.Length);
            _fromBrowser[f] = encoded[..length];
            length = narrowBrowser.Encode(wide, 960, encoded, encoded.Length);
            _fromBrowserNarrowband[f] = encoded[..length];
            for (var i = 0; i < 160; i++)
            {
                narrow[i] = wide[i * 6];
            }

            _fromCaller[f] = new byte[160];
            G711.Encode(G711Law.Pcmu, narrow, _fromCaller[f]);
        }

        _transcoder = new OpusG711Transcoder(G711Law.Pcmu);
        _narrowTranscoder = new OpusG711Transcoder(G711Law.Pcmu);
        if (!OpusG711Transcoder.IsNarrowband(_fromBrowserNarrowband[10][0]) || OpusG711Transcoder.IsNarrowband(_fromBrowser[10][0]))
        {
            throw new InvalidOperationException("The two browser streams are not the bandwidths they are meant to be.");
        }
    }

    /// <summary>A plain G.711 leg's codec work per 20 ms both ways (the relay's transcoding between PCMU and PCMA).</summary>
    [Benchmark(Baseline = true)]
    public byte PlainG711BothWays()
    {
        var frame = _fromCaller[_frame++ % 50];
        G711.Transcode(G711Law.Pcmu, G711Law.Pcma, frame, _g711);
        G711.Transcode(G711Law.Pcma, G711Law.Pcmu, _g711.AsSpan(0, 160), _opus);
        return _opus[0];
    }

    /// <summary>The browser leg's codec work per 20 ms both ways, the browser sending fullband Opus.</summary>
    [Benchmark]
    public int OpusBothWays()
    {
        var index = _frame++ % 50;
        var decoded = _transcoder.OpusToG711(_fromBrowser[index], _g711);
        return decoded + _transcoder.G711ToOpus(_fromCaller[index], _opus);
    }

    /// <summary>The browser leg's codec work per 20 ms both ways, the browser sending narrowband Opus (maxplaybackrate=8000).</summary>
    [Benchmark]
    public int OpusNarrowBothWays()
    {
        var index = _frame++ % 50;
        var decoded = _narrowTranscoder.OpusToG711(_fromBrowserNarrowband[index], _g711);
        return decoded + _narrowTranscoder.G711ToOpus(_fromCaller[index], _opus);
    }

    /// <summary>Only from the browser, narrowband: Opus decode at 8 kHz, G.711 encode.</summary>
    [Benchmark]
    public int OpusNarrowToG711() => _narrowTranscoder.OpusToG711(_fromBrowserNarrowband[_frame++ % 50], _g711);

    /// <summary>Only from the browser: Opus decode, 48-to-8 kHz resampling, G.711 encode.</summary>
    [Benchmark]
    public int OpusToG711() => _transcoder.OpusToG711(_fromBrowser[_frame++ % 50], _g711);

    /// <summary>Only toward the browser: G.711 decode, Opus encode at 8 kHz.</summary>
    [Benchmark]
    public int G711ToOpus() => _transcoder.G711ToOpus(_fromCaller[_frame++ % 50], _opus);
}
