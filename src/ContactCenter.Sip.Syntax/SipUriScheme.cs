namespace ContactCenter.Sip.Syntax;

/// <summary>The URI schemes the syntax layer understands in depth.</summary>
public enum SipUriScheme
{
    /// <summary>Any other absolute URI (RFC 3261 §19.1.1 allows them in a Request-URI); kept as text only.</summary>
    Other = 0,

    /// <summary><c>sip:</c> (RFC 3261 §19.1).</summary>
    Sip,

    /// <summary><c>sips:</c> (RFC 3261 §19.1).</summary>
    Sips,

    /// <summary><c>tel:</c> (RFC 3966).</summary>
    Tel,
}
