namespace ContactCenter.Sip.Syntax.Headers;

/// <summary>Offsets of a via-parm's components, found by <see cref="ViaParser.TryScan"/>.</summary>
internal struct ViaParts
{
    public Range ProtocolName;
    public Range ProtocolVersion;
    public Range Transport;
    public Range Host;
    public int? Port;
    public Range Parameters;
}
