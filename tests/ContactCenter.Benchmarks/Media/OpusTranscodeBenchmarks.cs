using BenchmarkDotNet.Attributes;
using Concentus;
using Concentus.Enums;
using ContactCenter.Media.Codecs;
using ContactCenter.Media.Rtp;
using ContactCenter.Media.Srtp;
using ContactCenter.Media.WebRtc;

namespace ContactCenter.Benchmarks.Media;

/// <summary>
/// A browser leg's media work per 20 ms, one call, both ways, beside the baseline a plain G.711 leg does in the same run
/// (PCMU to PCMA and back). The browser's two paths (issue #20): G.711 passed through (SRTP unprotect and protect, the
/// law copied), and Opus (SRTP as well, narrowband Opus from the browser decoded at 8 kHz, the caller's G.711 encoded by
/// the CELT-only encoder); the codec work alone of the Opus path, with the SILK encoder of the last session beside it,
/// and a browser ignoring maxplaybackrate=8000 (fullband, resampled). Socket work, the same for every leg, is not
/// included (bench/media/run.sh measures it). CPU per 100 calls = median per call-frame x 50 frames/s x 100 (opus.sh).
/// </summary>
[MemoryDiagnoser]
[MedianColumn]
public class OpusTranscodeBenchmarks
{
    private const int Packets = 20_000; // SRTP packets the browser "sent", each taken once (the replay window), then again with a fresh session

    private readonly byte[][] _fromBrowser = new byte[50][];
    private readonly byte[][] _fromBrowserNarrowband = new byte[50][];
    private readonly byte[][] _fromCaller = new byte[50][];
    private readonly byte[] _g711 = new byte[OpusG711Transcoder.MaxDecodedSamples];
    private readonly byte[] _opus = new byte[OpusG711Transcoder.MaxOpusFrameBytes];
    private readonly byte[] _packet = new byte[1_500];
    private readonly byte[] _toBrowser = new byte[1_500];
    private readonly SrtpMasterKey _browserKey = SrtpMasterKey.Generate(SrtpSuite.AesCm128HmacSha1x80);
    private readonly SrtpMasterKey _ourKey = SrtpMasterKey.Generate(SrtpSuite.AesCm128HmacSha1x80);
    private byte[][] _srtpG711 = null!;
    private byte[][] _srtpOpus = null!;
    private SrtpSession _ours = null!;
    private OpusG711Transcoder _transcoder = null!;
    private OpusG711Transcoder _narrowTranscoder = null!;
    private OpusG711Transcoder _silkTranscoder = null!;
    private OpusG711Transcoder _legTranscoder = null!;
    private int _frame;
    private int _srtpFrame;
    private ushort _sequence;

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
        _silkTranscoder = new OpusG711Transcoder(G711Law.Pcmu, complexity: 1, celtOnly: false);
        _legTranscoder = new OpusG711Transcoder(G711Law.Pcmu);
        if (!OpusG711Transcoder.IsNarrowband(_fromBrowserNarrowband[10][0]) || OpusG711Transcoder.IsNarrowband(_fromBrowser[10][0]))
        {
            throw new InvalidOperationException("The two browser streams are not the bandwidths they are meant to be.");
        }

        // What the browser sends: SRTP packets of its G.711 (the caller's sound stands in) and of its narrowband Opus.
        using var browserSide = new SrtpSession(_browserKey, _ourKey);
        _srtpG711 = Protect(browserSide, 0, f => _fromCaller[f]);
        _srtpOpus = Protect(browserSide, 111, f => _fromBrowserNarrowband[f]);
        foreach (var packets in new[] { _srtpG711, _srtpOpus })
        {
            _ours = new SrtpSession(_ourKey, _browserKey);
            var ok = Unprotect(packets[0], out _) && Unprotect(packets[1], out _);
            _ours.Dispose();
            if (!ok)
            {
                throw new InvalidOperationException("The browser's SRTP packets do not unprotect.");
            }
        }

        _ours = new SrtpSession(_ourKey, _browserKey);
    }

    [GlobalCleanup]
    public void Cleanup() => _ours.Dispose();

    /// <summary>A plain G.711 leg's codec work per 20 ms both ways (the relay's transcoding between PCMU and PCMA).</summary>
    [Benchmark(Baseline = true)]
    public byte PlainG711BothWays()
    {
        var frame = _fromCaller[_frame++ % 50];
        G711.Transcode(G711Law.Pcmu, G711Law.Pcma, frame, _g711);
        G711.Transcode(G711Law.Pcma, G711Law.Pcmu, _g711.AsSpan(0, 160), _opus);
        return _opus[0];
    }

    /// <summary>The browser leg with G.711 (the default): the browser's SRTP unprotected and its PCMU copied, the caller's PCMU protected toward it.</summary>
    [Benchmark]
    public int BrowserG711BothWays()
    {
        var index = NextSrtp();
        var samples = 0;
        if (Unprotect(_srtpG711[index], out var payload))
        {
            G711.Transcode(G711Law.Pcmu, G711Law.Pcmu, payload, _g711);
            samples = payload.Length;
        }

        return samples + ProtectToBrowser(0, _fromCaller[index % 50]);
    }

    /// <summary>The browser leg with Opus: SRTP both ways, narrowband Opus decoded into PCMU, the caller's PCMU encoded (CELT-only).</summary>
    [Benchmark]
    public int BrowserOpusBothWays()
    {
        var index = NextSrtp();
        var decoded = Unprotect(_srtpOpus[index], out var payload) ? _legTranscoder.OpusToG711(payload, _g711) : 0;
        var length = _legTranscoder.G711ToOpus(_fromCaller[index % 50], _opus);
        return decoded + ProtectToBrowser(111, _opus.AsSpan(0, length));
    }

    /// <summary>The Opus codec work alone, the browser sending narrowband Opus (maxplaybackrate=8000), our CELT-only encoder.</summary>
    [Benchmark]
    public int OpusNarrowBothWays()
    {
        var index = _frame++ % 50;
        var decoded = _narrowTranscoder.OpusToG711(_fromBrowserNarrowband[index], _g711);
        return decoded + _narrowTranscoder.G711ToOpus(_fromCaller[index], _opus);
    }

    /// <summary>The same with the last session's encoder (VoIP, SILK, complexity 1): the old path, in the same run.</summary>
    [Benchmark]
    public int OpusNarrowSilkBothWays()
    {
        var index = _frame++ % 50;
        var decoded = _silkTranscoder.OpusToG711(_fromBrowserNarrowband[index], _g711);
        return decoded + _silkTranscoder.G711ToOpus(_fromCaller[index], _opus);
    }

    /// <summary>The codec work with a browser sending fullband Opus (ignoring maxplaybackrate): decoded at 48 kHz, resampled.</summary>
    [Benchmark]
    public int OpusBothWays()
    {
        var index = _frame++ % 50;
        var decoded = _transcoder.OpusToG711(_fromBrowser[index], _g711);
        return decoded + _transcoder.G711ToOpus(_fromCaller[index], _opus);
    }

    private static byte[][] Protect(SrtpSession browserSide, byte payloadType, Func<int, byte[]> payload)
    {
        var packets = new byte[Packets][];
        var buffer = new byte[1_500];
        for (var i = 0; i < Packets; i++)
        {
            _ = new RtpPacket(payloadType, (ushort)i, (uint)(i * 160), 0x1234, payload(i % 50)).TryWrite(buffer, out var length);
            _ = browserSide.ProtectRtp(buffer, length, out length);
            packets[i] = buffer[..length];
        }

        return packets;
    }

    /// <summary>The next browser packet's index; after the last one, a fresh receiving session takes them again.</summary>
    private int NextSrtp()
    {
        var index = _srtpFrame++ % Packets;
        if (index == 0 && _srtpFrame > 1)
        {
            _ours.Dispose();
            _ours = new SrtpSession(_ourKey, _browserKey);
        }

        return index;
    }

    private bool Unprotect(byte[] received, out ReadOnlySpan<byte> payload)
    {
        received.CopyTo(_packet, 0); // unprotecting decrypts in place: the stored packet stays as it came
        payload = default;
        if (_ours.UnprotectRtp(_packet.AsSpan(0, received.Length), out var length) != SrtpResult.Ok || !RtpPacket.TryParse(_packet.AsSpan(0, length), out var packet))
        {
            return false;
        }

        payload = packet.Payload;
        return true;
    }

    private int ProtectToBrowser(byte payloadType, ReadOnlySpan<byte> payload)
    {
        _sequence++;
        _ = new RtpPacket(payloadType, _sequence, _sequence * 160u, 0x5678, payload).TryWrite(_toBrowser, out var length);
        _ = _ours.ProtectRtp(_toBrowser, length, out length);
        return length;
    }
}
