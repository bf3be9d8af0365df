namespace ContactCenter.Sip.Syntax;

/// <summary>Offsets of a URI's components, found by <see cref="SipUriParser.TryScan"/>.</summary>
internal struct UriParts
{
    public SipUriScheme Scheme;
    public int SchemeLength;
    public bool HasUser;
    public Range User;
    public bool HasPassword;
    public Range Password;
    public Range Host;
    public int? Port;
    public Range Parameters;
    public Range Headers;
}
