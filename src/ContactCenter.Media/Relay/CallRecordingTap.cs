using System.Buffers;
using System.Threading.Channels;
using ContactCenter.Media.Audio;
using ContactCenter.Media.Dtmf;

namespace ContactCenter.Media.Relay;

/// <summary>
/// Records a bridge into a <see cref="CallRecordingWriter"/>: leg A's audio as the left (or first) side, leg B's
/// as the right. Frames are copied into pooled buffers on the packet path and written by one background loop,
/// which pairs one frame of each direction per 20 ms; when one direction has several frames queued and the
/// other none, that direction is silent and its frames are written alone. The tap owns the writer: dispose
/// the tap (after removing it from the bridge) to flush and close the file. A write that fails (disk full, I/O
/// error) stops this recording only: later frames are dropped, <see cref="Failure"/> says why, and neither the
/// packet path nor <see cref="DisposeAsync"/> ever sees the exception, so the call and its clean-up go on.
/// </summary>
public sealed class CallRecordingTap : IMediaTap, IAsyncDisposable
{
    // 100 ms: beyond this one direction is taken as silent rather than late.
    private const int MaxUnpaired = 5;

    private readonly CallRecordingWriter _writer;
    private readonly Channel<Frame> _frames;
    private readonly Task _loop;
    private long _dropped;
    private volatile Exception? _failure;

    /// <summary>Starts recording into <paramref name="writer"/>, which the tap owns.</summary>
    public CallRecordingTap(CallRecordingWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        _writer = writer;
        _frames = Channel.CreateBounded<Frame>(new BoundedChannelOptions(1_024)
        {
            SingleReader = true,
            FullMode = BoundedChannelFullMode.DropWrite,
        });
        _loop = WriteLoopAsync();
    }

    /// <summary>Frames dropped because the writer fell behind or the recording failed.</summary>
    public long FramesDropped => Volatile.Read(ref _dropped);

    /// <summary>Why the recording stopped early (the first write or close that failed), or null.</summary>
    public Exception? Failure => _failure;

    /// <inheritdoc/>
    public void OnAudio(MediaLegSide source, ReadOnlySpan<short> samples)
    {
        if (_failure is not null)
        {
            Interlocked.Increment(ref _dropped);
            return;
        }

        short[] buffer = ArrayPool<short>.Shared.Rent(samples.Length);
        samples.CopyTo(buffer);
        if (!_frames.Writer.TryWrite(new Frame(source, buffer, samples.Length)))
        {
            ArrayPool<short>.Shared.Return(buffer);
            Interlocked.Increment(ref _dropped);
        }
    }

    /// <inheritdoc/>
    public void OnDtmf(MediaLegSide source, DtmfEvent dtmf)
    {
    }

    /// <summary>Writes what is queued and closes the recording.</summary>
    public async ValueTask DisposeAsync()
    {
        _frames.Writer.TryComplete();
        await _loop;
        try
        {
            await _writer.DisposeAsync();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ObjectDisposedException)
        {
            _failure ??= ex;
        }
    }

    private async Task WriteLoopAsync()
    {
        await Task.Yield();
        var left = new Queue<Frame>();
        var right = new Queue<Frame>();
        await foreach (Frame frame in _frames.Reader.ReadAllAsync())
        {
            (frame.Side == MediaLegSide.A ? left : right).Enqueue(frame);
            while ((left.Count > 0 && right.Count > 0) || left.Count > MaxUnpaired || right.Count > MaxUnpaired)
            {
                await WriteOneAsync(left, right);
            }
        }

        while (left.Count > 0 || right.Count > 0)
        {
            await WriteOneAsync(left, right);
        }
    }

    private async Task WriteOneAsync(Queue<Frame> left, Queue<Frame> right)
    {
        Frame? l = left.Count > 0 ? left.Dequeue() : null;
        Frame? r = right.Count > 0 ? right.Dequeue() : null;
        try
        {
            if (_failure is null)
            {
                await _writer.WriteAsync(
                    l is Frame a ? a.Samples.AsMemory(0, a.Length) : ReadOnlyMemory<short>.Empty,
                    r is Frame b ? b.Samples.AsMemory(0, b.Length) : ReadOnlyMemory<short>.Empty,
                    CancellationToken.None);
            }
            else
            {
                Interlocked.Increment(ref _dropped);
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ObjectDisposedException)
        {
            _failure = ex; // this recording stops; the loop goes on draining (and returning) the queued frames
            Interlocked.Increment(ref _dropped);
        }
        finally
        {
            if (l is Frame a)
            {
                ArrayPool<short>.Shared.Return(a.Samples);
            }

            if (r is Frame b)
            {
                ArrayPool<short>.Shared.Return(b.Samples);
            }
        }
    }

    private readonly record struct Frame(MediaLegSide Side, short[] Samples, int Length);
}
