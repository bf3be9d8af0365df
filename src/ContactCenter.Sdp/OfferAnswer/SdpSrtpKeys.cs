namespace ContactCenter.Sdp.OfferAnswer;

/// <summary>The SRTP agreed for a stream (RFC 4568): the crypto suite, the key we send with and the key the peer sends with.</summary>
/// <param name="Suite">The crypto suite, e.g. <c>AES_CM_128_HMAC_SHA1_80</c>.</param>
/// <param name="LocalKeySalt">Our master key and salt (base64 as in <c>inline:</c>), for what we send.</param>
/// <param name="RemoteKeySalt">The peer's master key and salt, for what it sends.</param>
public sealed record SdpSrtpKeys(string Suite, string LocalKeySalt, string RemoteKeySalt)
{
    /// <inheritdoc />
    public override string ToString() => $"SRTP {Suite}"; // never the keys
}
