using System.Collections;

namespace ContactCenter.Sip.Syntax;

/// <summary>The header lines of a message, in order, with look-up by kind or name.</summary>
public sealed class SipHeaderCollection : IReadOnlyList<SipHeader>
{
    private readonly byte[] _buffer;
    private readonly HeaderEntry[] _entries;

    internal SipHeaderCollection(byte[] buffer, HeaderEntry[] entries)
    {
        _buffer = buffer;
        _entries = entries;
    }

    /// <inheritdoc/>
    public int Count => _entries.Length;

    /// <inheritdoc/>
    public SipHeader this[int index] => new(_buffer, _entries[index]);

    /// <summary>True when at least one line of this kind is present.</summary>
    public bool Contains(SipHeaderKind kind) => IndexOf(kind, 0) >= 0;

    /// <summary>True when at least one line has this name (or compact form), ignoring case.</summary>
    public bool Contains(string name) => TryGetFirst(name, out _);

    /// <summary>Gets the first line of this kind.</summary>
    public bool TryGetFirst(SipHeaderKind kind, out SipHeader header)
    {
        var i = IndexOf(kind, 0);
        header = i >= 0 ? this[i] : default;
        return i >= 0;
    }

    /// <summary>Gets the first line with this name (or compact form), ignoring case; works for unknown headers too.</summary>
    public bool TryGetFirst(string name, out SipHeader header)
    {
        var kind = SipHeaderNames.Lookup(name);
        foreach (var h in this)
        {
            if (h.HasName(name, kind))
            {
                header = h;
                return true;
            }
        }

        header = default;
        return false;
    }

    /// <summary>All lines of this kind, in order.</summary>
    public IEnumerable<SipHeader> GetAll(SipHeaderKind kind)
    {
        for (var i = IndexOf(kind, 0); i >= 0; i = IndexOf(kind, i + 1))
        {
            yield return this[i];
        }
    }

    /// <summary>All lines with this name (or compact form), ignoring case, in order.</summary>
    public IEnumerable<SipHeader> GetAll(string name)
    {
        var kind = SipHeaderNames.Lookup(name);
        return this.Where(h => h.HasName(name, kind));
    }

    /// <summary>
    /// The comma-separated elements of all lines of this kind, in order (RFC 3261 §7.3.1). Only for
    /// list headers (Via, Contact, Route, Supported, ...): commas inside quotes and &lt;&gt; are respected.
    /// </summary>
    public IReadOnlyList<ReadOnlyMemory<byte>> GetValues(SipHeaderKind kind)
    {
        var values = new List<ReadOnlyMemory<byte>>();
        for (var i = IndexOf(kind, 0); i >= 0; i = IndexOf(kind, i + 1))
        {
            var entry = _entries[i];
            var splitter = new HeaderValueSplitter(_buffer.AsSpan(entry.Value));
            while (splitter.MoveNext())
            {
                values.Add(_buffer.AsMemory(entry.ValueStart + splitter.CurrentOffset, splitter.Current.Length));
            }
        }

        return values;
    }

    /// <inheritdoc/>
    public IEnumerator<SipHeader> GetEnumerator()
    {
        for (var i = 0; i < _entries.Length; i++)
        {
            yield return this[i];
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    internal ReadOnlySpan<HeaderEntry> Entries => _entries;

    internal int IndexOf(SipHeaderKind kind, int start)
    {
        for (var i = start; i < _entries.Length; i++)
        {
            if (_entries[i].Kind == kind)
            {
                return i;
            }
        }

        return -1;
    }
}
