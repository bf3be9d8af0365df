namespace ContactCenter.Host.Calls.Spool;

/// <summary>
/// A reader's room for the payloads of one batch: each <see cref="Add"/> copies a payload in and returns it; everything
/// returned stays valid until <see cref="Reset"/> (a full buffer is replaced, never overwritten).
/// </summary>
internal sealed class SpoolPayloadBuffer
{
    private byte[] _bytes = new byte[64 * 1024];
    private int _used;

    /// <summary>Starts a new batch: the space of the payloads returned so far is reused.</summary>
    public void Reset() => _used = 0;

    /// <summary>A copy of <paramref name="payload"/>, valid until <see cref="Reset"/>.</summary>
    public ReadOnlyMemory<byte> Add(ReadOnlySpan<byte> payload)
    {
        var room = Take(payload.Length);
        payload.CopyTo(room.Span);
        return room;
    }

    /// <summary><paramref name="length"/> bytes of room for the caller to fill, valid until <see cref="Reset"/>.</summary>
    public Memory<byte> Take(int length)
    {
        if (_used + length > _bytes.Length)
        {
            // What was handed out keeps the old array alive until the batch is done; the new one is large enough for
            // this batch's size next time.
            _bytes = new byte[Math.Max(2 * _bytes.Length, length)];
            _used = 0;
        }

        var room = _bytes.AsMemory(_used, length);
        _used += length;
        return room;
    }
}
