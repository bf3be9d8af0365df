namespace ContactCenter.Media.Srtp;

/// <summary>
/// The replay list of RFC 3711 §3.3.2 as a 64-packet sliding window over packet indexes: a packet older than the window,
/// or one already seen inside it, is a replay.
/// </summary>
internal struct SrtpReplayWindow
{
    private const int Size = 64;
    private ulong _highest;
    private ulong _seen;
    private bool _any;

    /// <summary>The highest index accepted so far.</summary>
    public readonly ulong Highest => _highest;

    /// <summary>Whether <paramref name="index"/> may be accepted (checked before authentication, marked after it).</summary>
    public readonly bool IsFresh(ulong index) =>
        !_any || index > _highest || (_highest - index < Size && (_seen & (1UL << (int)(_highest - index))) == 0);

    /// <summary>Records <paramref name="index"/> as received (after the packet authenticated).</summary>
    public void Mark(ulong index)
    {
        if (!_any)
        {
            (_any, _highest, _seen) = (true, index, 1);
        }
        else if (index > _highest)
        {
            ulong shift = index - _highest;
            _seen = shift >= Size ? 1 : (_seen << (int)shift) | 1;
            _highest = index;
        }
        else
        {
            _seen |= 1UL << (int)(_highest - index);
        }
    }
}
