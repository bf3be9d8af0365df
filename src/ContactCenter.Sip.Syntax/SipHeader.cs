namespace ContactCenter.Sip.Syntax;

/// <summary>One header line of a message: a view over bytes the message owns (folding already undone).</summary>
public readonly struct SipHeader
{
    private readonly byte[] _buffer;
    private readonly HeaderEntry _entry;

    internal SipHeader(byte[] buffer, HeaderEntry entry)
    {
        _buffer = buffer;
        _entry = entry;
    }

    /// <summary>The header kind, <see cref="SipHeaderKind.Unknown"/> for headers the layer does not know.</summary>
    public SipHeaderKind Kind => _entry.Kind;

    /// <summary>The canonical name for known headers (compact forms expanded); the name as written otherwise.</summary>
    public string Name => SipHeaderNames.GetName(_entry.Kind) ?? SipChars.ToText(RawName.Span);

    /// <summary>The name exactly as written (possibly a compact form).</summary>
    public ReadOnlyMemory<byte> RawName => _buffer.AsMemory(_entry.Name);

    /// <summary>The value, without surrounding whitespace.</summary>
    public ReadOnlyMemory<byte> Value => _buffer.AsMemory(_entry.Value);

    /// <summary>The value, without surrounding whitespace.</summary>
    public ReadOnlySpan<byte> ValueSpan => _buffer.AsSpan(_entry.Value);

    /// <summary>The value decoded as UTF-8.</summary>
    public string GetValueString() => SipChars.ToText(ValueSpan);

    /// <summary>True when this header has the given name or compact form (case-insensitive).</summary>
    public bool HasName(string name) => HasName(name, SipHeaderNames.Lookup(name));

    internal bool HasName(string name, SipHeaderKind kind) =>
        kind != SipHeaderKind.Unknown
            ? kind == _entry.Kind
            : _entry.Kind == SipHeaderKind.Unknown && System.Text.Ascii.EqualsIgnoreCase(RawName.Span, name);

    /// <inheritdoc/>
    public override string ToString() => Name + ": " + GetValueString();
}
