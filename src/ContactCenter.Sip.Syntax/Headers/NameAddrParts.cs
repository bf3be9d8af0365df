namespace ContactCenter.Sip.Syntax.Headers;

/// <summary>Offsets of a name-addr or addr-spec's components, found by <see cref="NameAddrParser.TryScan"/>.</summary>
internal struct NameAddrParts
{
    public bool HasDisplayName;
    public Range DisplayName;
    public Range Uri;
    public Range Parameters;
}
