namespace ContactCenter.Sip.Syntax;

/// <summary>Where one header line's name and (unfolded, trimmed) value sit in a message's bytes.</summary>
internal struct HeaderEntry
{
    public SipHeaderKind Kind;
    public bool Folded;
    public int NameStart;
    public int NameLength;
    public int ValueStart;
    public int ValueLength;

    public readonly Range Name => new(NameStart, NameStart + NameLength);

    public readonly Range Value => new(ValueStart, ValueStart + ValueLength);
}
