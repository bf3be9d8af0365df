namespace ContactCenter.Media.Relay;

/// <summary>
/// Adds a third party's audio into what a <see cref="MediaBridge"/> forwards (a supervisor whispering or barging in).
/// Called on the packet path of the sending leg's receive loop; return quickly.
/// </summary>
public interface IMediaMixer
{
    /// <summary>Adds audio meant for <paramref name="target"/> into <paramref name="samples"/> (8 kHz linear); false when there is none.</summary>
    bool TryMixInto(MediaLegSide target, Span<short> samples);
}
