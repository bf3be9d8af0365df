using BenchmarkDotNet.Attributes;
using ContactCenter.Media.Codecs;
using ContactCenter.Media.WebRtc;

namespace ContactCenter.Benchmarks.Media;

/// <summary>
/// The encoder toward the browser (most of a browser leg's Opus cost) under the settings tried for issue #20, each beside
/// the default (VoIP, complexity 1, 24 kbit/s) in the same run: complexity 0, a narrowband bitrate, CELT-only.
/// </summary>
[MemoryDiagnoser]
[MedianColumn]
public class OpusEncoderSettingsBenchmarks
{
    private readonly byte[][] _fromCaller = new byte[50][];
    private readonly byte[] _opus = new byte[OpusG711Transcoder.MaxOpusFrameBytes];
    private OpusG711Transcoder _default = null!;
    private OpusG711Transcoder _complexity0 = null!;
    private OpusG711Transcoder _bitrate12k = null!;
    private OpusG711Transcoder _celtOnly = null!;
    private int _frame;

    [GlobalSetup]
    public void Setup()
    {
        var narrow = new short[160];
        for (var f = 0; f < 50; f++)
        {
            for (var i = 0; i < 160; i++)
            {
                var t = ((f * 160) + i) / 8_000.0;
                narrow[i] = (short)(8_000 * (0.6 + (0.4 * Math.Sin(2 * Math.PI * 3 * t))) * (Math.Sin(2 * Math.PI * 310 * t) + (0.5 * Math.Sin(2 * Math.PI * 1_270 * t))));
            }

            _fromCaller[f] = new byte[160];
            G711.Encode(G711Law.Pcmu, narrow, _fromCaller[f]);
        }

        _default = new OpusG711Transcoder(G711Law.Pcmu);
        _complexity0 = new OpusG711Transcoder(G711Law.Pcmu, complexity: 0);
        _bitrate12k = new OpusG711Transcoder(G711Law.Pcmu, bitrate: 12_000, complexity: 0);
        _celtOnly = new OpusG711Transcoder(G711Law.Pcmu, complexity: 0, celtOnly: true);
    }

    /// <summary>The default encoder: VoIP (SILK at 8 kHz), complexity 1, 24 kbit/s.</summary>
    [Benchmark(Baseline = true)]
    public int EncodeDefault() => _default.G711ToOpus(_fromCaller[_frame++ % 50], _opus);

    /// <summary>Complexity 0.</summary>
    [Benchmark]
    public int EncodeComplexity0() => _complexity0.G711ToOpus(_fromCaller[_frame++ % 50], _opus);

    /// <summary>Complexity 0 at 12 kbit/s (narrowband speech needs no more).</summary>
    [Benchmark]
    public int EncodeComplexity0At12k() => _bitrate12k.G711ToOpus(_fromCaller[_frame++ % 50], _opus);

    /// <summary>CELT-only (restricted low delay), complexity 0.</summary>
    [Benchmark]
    public int EncodeCeltOnly() => _celtOnly.G711ToOpus(_fromCaller[_frame++ % 50], _opus);
}
