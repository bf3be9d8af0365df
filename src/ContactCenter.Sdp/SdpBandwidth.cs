namespace ContactCenter.Sdp;

/// <summary>The <c>b=</c> line (RFC 4566 §5.8), e.g. <c>b=AS:64</c> or <c>b=TIAS:64000</c>.</summary>
/// <param name="Type">The bandwidth modifier (<c>CT</c>, <c>AS</c>, <c>TIAS</c>, <c>RS</c>, <c>RR</c>, ...).</param>
/// <param name="Value">The value, in the unit the modifier defines.</param>
public sealed record SdpBandwidth(string Type, long Value);
