using ContactCenter.Media.Dtmf;

namespace ContactCenter.Media.Relay;

/// <summary>
/// Observes what a <see cref="MediaBridge"/> relays: each direction's audio decoded to 16-bit linear PCM,
/// and DTMF key presses. Called synchronously on the packet path of the sending leg's receive loop: copy what
/// you need and return quickly; never block or keep the span.
/// </summary>
public interface IMediaTap
{
    /// <summary>One received audio frame from <paramref name="source"/>, decoded (8 kHz mono).</summary>
    void OnAudio(MediaLegSide source, ReadOnlySpan<short> samples);

    /// <summary>A completed DTMF key press (RFC 4733) from <paramref name="source"/>.</summary>
    void OnDtmf(MediaLegSide source, DtmfEvent dtmf);
}
