namespace ContactCenter.Media.Tests;

internal static class Signals
{
    public static short[] Sine(double frequency, int sampleRate, int count, double amplitude)
    {
        short[] samples = new short[count];
        for (int i = 0; i < count; i++)
        {
            samples[i] = (short)(amplitude * short.MaxValue * Math.Sin(2 * Math.PI * frequency * i / sampleRate));
        }

        return samples;
    }

    /// <summary>Sign changes, ignoring a small dead band around zero so noise does not count.</summary>
    public static int ZeroCrossings(ReadOnlySpan<short> samples)
    {
        int crossings = 0;
        int sign = 0;
        foreach (short sample in samples)
        {
            int current = sample > 500 ? 1 : sample < -500 ? -1 : 0;
            if (current != 0 && sign != 0 && current != sign)
            {
                crossings++;
            }

            if (current != 0)
            {
                sign = current;
            }
        }

        return crossings;
    }
}
