namespace ContactCenter.Sip.Syntax;

/// <summary>
/// Where one header line's name and (unfolded, trimmed) value sit in a message's bytes. 16 bytes: a parsed message
/// holds one per header line, so its size is most of what parsing allocates beyond the message's own bytes.
/// </summary>
internal struct HeaderEntry
{
    public int NameStart;
    public int ValueStart;
    public int ValueLength;
    public ushort NameLength;
    public SipHeaderKind Kind;
    public bool Folded;

    public readonly Range Name => new(NameStart, NameStart + NameLength);

    public readonly Range Value => new(ValueStart, ValueStart + ValueLength);
}
