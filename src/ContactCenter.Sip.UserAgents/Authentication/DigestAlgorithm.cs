namespace ContactCenter.Sip.UserAgents.Authentication;

/// <summary>A digest algorithm the server side understands (RFC 7616 §3.2, RFC 8760 §2).</summary>
public enum DigestAlgorithm
{
    /// <summary><c>MD5</c>, the RFC 3261 default; kept for older phones.</summary>
    Md5,

    /// <summary><c>MD5-sess</c>.</summary>
    Md5Sess,

    /// <summary><c>SHA-256</c>, offered first (RFC 8760 §2.4).</summary>
    Sha256,

    /// <summary><c>SHA-256-sess</c>.</summary>
    Sha256Sess,
}
