namespace ContactCenter.Sdp;

/// <summary>Names of the attributes this library gives typed access to.</summary>
public static class SdpAttributeNames
{
    /// <summary><c>rtpmap</c> (RFC 4566 §6).</summary>
    public const string RtpMap = "rtpmap";

    /// <summary><c>fmtp</c> (RFC 4566 §6).</summary>
    public const string Fmtp = "fmtp";

    /// <summary><c>ptime</c> (RFC 4566 §6).</summary>
    public const string Ptime = "ptime";

    /// <summary><c>maxptime</c> (RFC 4566 §6).</summary>
    public const string MaxPtime = "maxptime";

    /// <summary><c>rtcp</c> (RFC 3605).</summary>
    public const string Rtcp = "rtcp";

    /// <summary><c>crypto</c> (RFC 4568 §9.1): SDES keys for SRTP.</summary>
    public const string Crypto = "crypto";
}
