using ContactCenter.Media.Codecs;
using ContactCenter.Sdp.OfferAnswer;

namespace ContactCenter.Media.Tests.Codecs;

public sealed class G711Tests
{
    [Theory]
    [InlineData(G711Law.Pcmu, 0xFF, 0)]
    [InlineData(G711Law.Pcmu, 0x00, -32124)]
    [InlineData(G711Law.Pcmu, 0x80, 32124)]
    [InlineData(G711Law.Pcma, 0xD5, 8)]
    [InlineData(G711Law.Pcma, 0x55, -8)]
    [InlineData(G711Law.Pcma, 0xAA, 32256)]
    public void Decode_KnownCode_GivesKnownLinearValue(G711Law law, byte code, short expected)
    {
        short[] decoded = new short[1];

        G711.Decode(law, [code], decoded);

        Assert.Equal(expected, decoded[0]);
    }

    [Theory]
    [InlineData(G711Law.Pcmu, G711.PcmuSilence)]
    [InlineData(G711Law.Pcma, G711.PcmaSilence)]
    public void Encode_Zero_GivesSilenceCode(G711Law law, byte silence)
    {
        byte[] encoded = new byte[1];

        G711.Encode(law, [0], encoded);

        Assert.Equal(silence, encoded[0]);
    }

    [Theory]
    [InlineData(G711Law.Pcmu)]
    [InlineData(G711Law.Pcma)]
    public void EncodeThenDecode_Sine_StaysWithinCompandingError(G711Law law)
    {
        short[] sine = Signals.Sine(1000, 8000, 8000, 0.5);
        byte[] encoded = new byte[sine.Length];
        short[] decoded = new short[sine.Length];

        G711.Encode(law, sine, encoded);
        G711.Decode(law, encoded, decoded);

        // G.711 keeps about 3% relative error at mid levels; check the signal-to-noise ratio instead of each sample.
        double signal = sine.Sum(s => (double)s * s);
        double noise = sine.Zip(decoded, (a, b) => (double)(a - b) * (a - b)).Sum();
        Assert.True(10 * Math.Log10(signal / noise) > 30, "SNR should exceed 30 dB");
    }

    [Fact]
    public void Transcode_PcmuFrameToPcma_MatchesDecodeThenEncode()
    {
        byte[] pcmu = new byte[G711.SamplesPerFrame];
        G711.Encode(G711Law.Pcmu, Signals.Sine(440, 8000, G711.SamplesPerFrame, 0.3), pcmu);
        short[] linear = new short[pcmu.Length];
        G711.Decode(G711Law.Pcmu, pcmu, linear);
        byte[] expected = new byte[pcmu.Length];
        G711.Encode(G711Law.Pcma, linear, expected);
        byte[] pcma = new byte[pcmu.Length];

        G711.Transcode(G711Law.Pcmu, G711Law.Pcma, pcmu, pcma);

        Assert.Equal(expected, pcma);
    }

    [Fact]
    public void Transcode_InPlaceRoundTrip_StaysClose()
    {
        byte[] original = Enumerable.Range(0, 256).Select(i => (byte)i).ToArray();
        byte[] frame = (byte[])original.Clone();
        short[] before = new short[256];
        short[] after = new short[256];

        G711.Transcode(G711Law.Pcma, G711Law.Pcmu, frame, frame);
        G711.Transcode(G711Law.Pcmu, G711Law.Pcma, frame, frame);

        G711.Decode(G711Law.Pcma, original, before);
        G711.Decode(G711Law.Pcma, frame, after);
        for (int i = 0; i < 256; i++)
        {
            Assert.InRange(Math.Abs(before[i] - after[i]), 0, Math.Max(16, Math.Abs(before[i]) / 16));
        }
    }

    [Fact]
    public void Encode_DestinationTooShort_Throws()
    {
        Assert.Throws<ArgumentException>(() => G711.Encode(G711Law.Pcmu, new short[2], new byte[1]));
    }

    [Fact]
    public void TryGetLaw_SdpCodecs_MapsG711Only()
    {
        Assert.True(G711.TryGetLaw(SdpCodec.Pcmu, out G711Law mu));
        Assert.True(G711.TryGetLaw(SdpCodec.Pcma with { PayloadType = 96 }, out G711Law a));
        Assert.False(G711.TryGetLaw(SdpCodec.TelephoneEvent(), out _));
        Assert.False(G711.TryGetLaw(new SdpCodec("PCMU", 16000, 0), out _));
        Assert.Equal((G711Law.Pcmu, G711Law.Pcma), (mu, a));
    }
}
