namespace ContactCenter.Media.Audio;

/// <summary>How a call recording stores its two directions.</summary>
public enum RecordingLayout
{
    /// <summary>One channel, both directions mixed.</summary>
    MonoMix,

    /// <summary>Two channels: left and right as given to the writer (e.g. caller left, agent right).</summary>
    Stereo,
}
