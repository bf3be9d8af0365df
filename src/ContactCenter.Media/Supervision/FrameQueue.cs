using ContactCenter.Media.Codecs;

namespace ContactCenter.Media.Supervision;

/// <summary>
/// A short queue of 20 ms linear frames from one source, for mixing at the mixer's own pace: a few frames of slack,
/// the oldest dropped beyond that (a source faster than the clock must not build delay). Thread-safe.
/// </summary>
internal sealed class FrameQueue
{
    private const int Depth = 4;
    private readonly Lock _gate = new();
    private readonly Queue<short[]> _frames = new();
    private readonly Stack<short[]> _spare = new();

    /// <summary>Adds one frame (up to 160 samples; shorter ones are padded with silence).</summary>
    public void Add(ReadOnlySpan<short> samples)
    {
        lock (_gate)
        {
            var frame = _spare.Count > 0 ? _spare.Pop() : new short[G711.SamplesPerFrame];
            var count = Math.Min(samples.Length, frame.Length);
            samples[..count].CopyTo(frame);
            frame.AsSpan(count).Clear();
            _frames.Enqueue(frame);
            while (_frames.Count > Depth)
            {
                _spare.Push(_frames.Dequeue());
            }
        }
    }

    /// <summary>Adds the oldest frame into <paramref name="mix"/> (saturating); false when none is waiting.</summary>
    public bool MixInto(Span<int> mix)
    {
        short[] frame;
        lock (_gate)
        {
            if (!_frames.TryDequeue(out frame!))
            {
                return false;
            }
        }

        for (var i = 0; i < mix.Length && i < frame.Length; i++)
        {
            mix[i] += frame[i];
        }

        lock (_gate)
        {
            _spare.Push(frame);
        }

        return true;
    }

    /// <summary>Forgets what is waiting.</summary>
    public void Clear()
    {
        lock (_gate)
        {
            while (_frames.TryDequeue(out var frame))
            {
                _spare.Push(frame);
            }
        }
    }
}
