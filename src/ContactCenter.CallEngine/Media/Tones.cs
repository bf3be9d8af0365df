using ContactCenter.Media.Audio;
using ContactCenter.Media.Codecs;

namespace ContactCenter.CallEngine.Media;

/// <summary>
/// Call-progress tones made in code, so a caller never hears silence even before any announcement file is
/// installed. Ringback follows the Russian/European cadence: 425 Hz, 0.8 s on, 3.2 s off (ITU-T E.180 suppl. 2).
/// </summary>
internal static class Tones
{
    private const int SampleRate = 8_000;

    private static readonly G711Frames RingbackPcmu = Ringback(G711Law.Pcmu);
    private static readonly G711Frames RingbackPcma = Ringback(G711Law.Pcma);
    private static readonly G711Frames BeepPcmu = Beep(G711Law.Pcmu);
    private static readonly G711Frames BeepPcma = Beep(G711Law.Pcma);

    /// <summary>One ringback cycle (4 s) in <paramref name="law"/>, to be looped.</summary>
    public static G711Frames GetRingback(G711Law law) => law == G711Law.Pcmu ? RingbackPcmu : RingbackPcma;

    /// <summary>The voicemail beep in <paramref name="law"/>: 1 kHz for 0.4 s, then 0.2 s of silence.</summary>
    public static G711Frames GetBeep(G711Law law) => law == G711Law.Pcmu ? BeepPcmu : BeepPcma;

    private static G711Frames Beep(G711Law law)
    {
        var samples = new short[SampleRate * 6 / 10];
        for (var i = 0; i < SampleRate * 4 / 10; i++)
        {
            samples[i] = (short)(10_000 * Math.Sin(2 * Math.PI * 1_000 * i / SampleRate));
        }

        return G711Frames.Encode(samples, law);
    }

    private static G711Frames Ringback(G711Law law)
    {
        var samples = new short[SampleRate * 4];
        var on = (int)(SampleRate * 0.8);
        for (var i = 0; i < on; i++)
        {
            // About -10 dBFS: clearly audible, far from clipping after G.711 companding.
            samples[i] = (short)(10_000 * Math.Sin(2 * Math.PI * 425 * i / SampleRate));
        }

        return G711Frames.Encode(samples, law);
    }
}
