using Concentus;
using Concentus.Enums;
using ContactCenter.Media.Codecs;
using ContactCenter.Media.WebRtc;

namespace ContactCenter.Media.Tests.WebRtc;

/// <summary>A tone through Opus and G.711 both ways keeps its frequency and its loudness (what the two callers would hear).</summary>
public sealed class OpusG711TranscoderTests
{
    private const int Frames = 50; // one second of 20 ms frames
    private const int Settle = 5;  // the codecs' first frames (look-ahead, ramp-up) are not measured

    [Theory]
    [InlineData(G711Law.Pcmu, 1_000.0, false)]
    [InlineData(G711Law.Pcma, 440.0, false)]
    [InlineData(G711Law.Pcmu, 1_000.0, true)]  // the CELT-only encoder the bridge uses
    [InlineData(G711Law.Pcma, 440.0, true)]
    [InlineData(G711Law.Pcmu, 3_000.0, true)]
    public void G711ToOpus_CallersTone_BrowserHearsTheSameFrequencyAndLoudness(G711Law law, double frequency, bool celtOnly)
    {
        var transcoder = new OpusG711Transcoder(law, complexity: 0, celtOnly: celtOnly);
        var browser = OpusCodecFactory.CreateDecoder(48_000, 1);
        var tone = Signals.Sine(frequency, 8_000, Frames * 160, 0.3);
        var heard = new List<short>();
        var opus = new byte[OpusG711Transcoder.MaxOpusFrameBytes];
        var g711 = new byte[160];
        var pcm = new short[960];

        for (var frame = 0; frame < Frames; frame++)
        {
            G711.Encode(law, tone.AsSpan(frame * 160, 160), g711);
            var length = transcoder.G711ToOpus(g711, opus);
            var samples = browser.Decode(opus.AsSpan(0, length), pcm, 960, false);
            Assert.Equal(960, samples);
            if (frame >= Settle)
            {
                heard.AddRange(pcm);
            }
        }

        var seconds = (Frames - Settle) * 0.02;
        Assert.InRange(Signals.ZeroCrossings(heard.ToArray()), 2 * frequency * seconds * 0.97, 2 * frequency * seconds * 1.03);
        Assert.InRange(Rms(heard.ToArray()) / Rms(tone), 0.7, 1.4); // within 3 dB
    }

    [Theory]
    [InlineData(G711Law.Pcmu, 600.0, false)]
    [InlineData(G711Law.Pcma, 1_200.0, false)]
    [InlineData(G711Law.Pcmu, 600.0, true)]   // the browser honours maxplaybackrate=8000: decoded at 8 kHz
    [InlineData(G711Law.Pcma, 1_200.0, true)]
    public void OpusToG711_BrowsersTone_CallerHearsTheSameFrequencyAndLoudness(G711Law law, double frequency, bool narrowband)
    {
        var transcoder = new OpusG711Transcoder(law);
        var browser = OpusCodecFactory.CreateEncoder(48_000, 1, OpusApplication.OPUS_APPLICATION_VOIP);
        if (narrowband)
        {
            browser.MaxBandwidth = OpusBandwidth.OPUS_BANDWIDTH_NARROWBAND;
        }
        var tone = Signals.Sine(frequency, 48_000, Frames * 960, 0.3);
        var heard = new List<short>();
        var opus = new byte[1_275];
        var g711 = new byte[OpusG711Transcoder.MaxDecodedSamples];
        var pcm = new short[160];

        for (var frame = 0; frame < Frames; frame++)
        {
            var length = browser.Encode(tone.AsSpan(frame * 960, 960), 960, opus, opus.Length);
            Assert.Equal(narrowband, OpusG711Transcoder.IsNarrowband(opus[0]));
            var written = transcoder.OpusToG711(opus.AsSpan(0, length), g711);
            Assert.Equal(160, written);
            G711.Decode(law, g711.AsSpan(0, 160), pcm);
            if (frame >= Settle)
            {
                heard.AddRange(pcm);
            }
        }

        var seconds = (Frames - Settle) * 0.02;
        Assert.InRange(Signals.ZeroCrossings(heard.ToArray()), 2 * frequency * seconds * 0.97, 2 * frequency * seconds * 1.03);
        Assert.InRange(Rms(heard.ToArray()) / Rms(tone), 0.7, 1.4);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void ConcealLoss_AfterTone_OneFrameOfG711(bool narrowband)
    {
        var transcoder = new OpusG711Transcoder(G711Law.Pcmu);
        var browser = OpusCodecFactory.CreateEncoder(48_000, 1, OpusApplication.OPUS_APPLICATION_VOIP);
        browser.MaxBandwidth = narrowband ? OpusBandwidth.OPUS_BANDWIDTH_NARROWBAND : OpusBandwidth.OPUS_BANDWIDTH_FULLBAND;
        var opus = new byte[1_275];
        var g711 = new byte[OpusG711Transcoder.MaxDecodedSamples];
        var length = browser.Encode(Signals.Sine(500, 48_000, 960, 0.3), 960, opus, opus.Length);
        transcoder.OpusToG711(opus.AsSpan(0, length), g711);

        Assert.Equal(160, transcoder.ConcealLoss(g711));
    }

    [Fact]
    public void G711ToOpus_NotOneFrame_Refused()
    {
        var transcoder = new OpusG711Transcoder(G711Law.Pcmu);

        Assert.Throws<ArgumentException>(() => transcoder.G711ToOpus(new byte[80], new byte[400]));
    }

    private static double Rms(short[] samples) => Math.Sqrt(samples.Average(s => (double)s * s));
}
