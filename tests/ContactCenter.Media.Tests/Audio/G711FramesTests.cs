using ContactCenter.Media.Audio;
using ContactCenter.Media.Codecs;

namespace ContactCenter.Media.Tests.Audio;

public sealed class G711FramesTests
{
    [Fact]
    public void Concat_PiecesOfASentence_PlayOneAfterAnother()
    {
        var word = G711Frames.Encode(Tone(1000, 400), G711Law.Pcmu);      // 3 frames (the last padded)
        var number = G711Frames.Encode(Tone(2000, 160), G711Law.Pcmu);    // 1 frame

        var sentence = G711Frames.Concat([word, number, word]);

        Assert.Equal(7, sentence.Count);
        Assert.Equal(TimeSpan.FromMilliseconds(140), sentence.Duration);
        Assert.True(sentence[3].Span.SequenceEqual(number[0].Span));
        Assert.True(sentence[6].Span.SequenceEqual(word[2].Span));
    }

    [Fact]
    public void Concat_MixedLaws_Refused()
    {
        var mu = G711Frames.Encode(Tone(1000, 160), G711Law.Pcmu);
        var a = G711Frames.Encode(Tone(1000, 160), G711Law.Pcma);

        Assert.Throws<ArgumentException>(() => G711Frames.Concat([mu, a]));
        Assert.Throws<ArgumentException>(() => G711Frames.Concat([]));
    }

    private static short[] Tone(double hz, int samples) =>
        [.. Enumerable.Range(0, samples).Select(i => (short)(8000 * Math.Sin(2 * Math.PI * hz * i / 8000)))];
}
