namespace ContactCenter.Sdp;

/// <summary>
/// An <c>a=</c> line (RFC 4566 §5.13): a property attribute (<c>a=sendonly</c>, no value) or a value
/// attribute (<c>a=rtpmap:0 PCMU/8000</c>). Every attribute is kept in order, known or not, so that
/// a description round-trips; typed views (<see cref="SdpRtpMap"/>, ...) read from these.
/// </summary>
/// <param name="Name">The attribute name, case as written.</param>
/// <param name="Value">The text after the colon, or null for a property attribute.</param>
[System.Diagnostics.CodeAnalysis.SuppressMessage(
    "Naming",
    "CA1711:Identifiers should not have incorrect suffix",
    Justification = "RFC 4566 calls a= lines attributes; this is not a .NET attribute class.")]
public sealed record SdpAttribute(string Name, string? Value = null)
{
    /// <summary>The attribute for a media direction.</summary>
    public static SdpAttribute ForDirection(SdpDirection direction) => new(direction.ToAttributeName());

    /// <summary><c>a=ptime:</c> (RFC 4566 §6).</summary>
    public static SdpAttribute ForPtime(int milliseconds) => new(SdpAttributeNames.Ptime, milliseconds.ToString());

    /// <summary><c>a=maxptime:</c> (RFC 4566 §6).</summary>
    public static SdpAttribute ForMaxPtime(int milliseconds) => new(SdpAttributeNames.MaxPtime, milliseconds.ToString());
}
