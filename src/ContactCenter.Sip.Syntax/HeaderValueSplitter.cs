namespace ContactCenter.Sip.Syntax;

/// <summary>
/// Splits a comma-joined header value (RFC 3261 §7.3.1) into its elements without allocating,
/// ignoring commas inside quoted strings and inside &lt;...&gt;.
/// </summary>
internal ref struct HeaderValueSplitter
{
    private ReadOnlySpan<byte> _rest;
    private int _offset;
    private bool _done;

    public HeaderValueSplitter(ReadOnlySpan<byte> value)
    {
        _rest = value;
    }

    /// <summary>The current element, trimmed.</summary>
    public ReadOnlySpan<byte> Current { get; private set; }

    /// <summary>Offset of <see cref="Current"/> in the value given to the constructor.</summary>
    public int CurrentOffset { get; private set; }

    /// <summary>False when a quote or angle bracket was left open.</summary>
    public bool Balanced { get; private set; } = true;

    public bool MoveNext()
    {
        while (!_done)
        {
            var end = SipChars.IndexOfTopLevel(_rest, SipChars.Comma, out var balanced);
            if (!balanced)
            {
                Balanced = false;
                _done = true;
                return false;
            }

            var element = end < 0 ? _rest : _rest[..end];
            var start = SipChars.IndexOfNonWhitespace(element);
            var elementOffset = _offset;
            if (end < 0)
            {
                _done = true;
            }
            else
            {
                _rest = _rest[(end + 1)..];
                _offset += end + 1;
            }

            if (start < 0)
            {
                continue; // RFC 3261 §7.3.1 does not allow empty elements; skip them leniently.
            }

            Current = SipChars.Trim(element);
            CurrentOffset = elementOffset + start;
            return true;
        }

        return false;
    }

    /// <summary>Counts the elements; -1 when unbalanced.</summary>
    public static int Count(ReadOnlySpan<byte> value)
    {
        var splitter = new HeaderValueSplitter(value);
        var n = 0;
        while (splitter.MoveNext())
        {
            n++;
        }

        return splitter.Balanced ? n : -1;
    }
}
