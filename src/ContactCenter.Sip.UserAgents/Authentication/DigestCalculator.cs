using System.Text;

namespace ContactCenter.Sip.UserAgents.Authentication;

/// <summary>The digest computations of RFC 7616 §3.4 (and RFC 2617 §3.2.2), as lower-case hex strings.</summary>
public static class DigestCalculator
{
    /// <summary>HA1 for the plain algorithms: <c>H(username:realm:password)</c> (RFC 7616 §3.4.2).</summary>
    public static string ComputeHa1(DigestAlgorithm algorithm, string username, string realm, string password)
    {
        ArgumentNullException.ThrowIfNull(username);
        ArgumentNullException.ThrowIfNull(realm);
        ArgumentNullException.ThrowIfNull(password);
        return HashText(algorithm, $"{username}:{realm}:{password}");
    }

    /// <summary>
    /// HA1 as used in the response: for <c>-sess</c> algorithms <c>H(H(username:realm:password):nonce:cnonce)</c>,
    /// otherwise <paramref name="storedHa1"/> unchanged (RFC 7616 §3.4.2).
    /// </summary>
    public static string ComputeEffectiveHa1(DigestAlgorithm algorithm, string storedHa1, string nonce, string? cnonce)
    {
        ArgumentNullException.ThrowIfNull(storedHa1);
        ArgumentNullException.ThrowIfNull(nonce);
        return DigestAlgorithms.IsSession(algorithm) ? HashText(algorithm, $"{storedHa1}:{nonce}:{cnonce}") : storedHa1;
    }

    /// <summary>HA2 for qop=auth or no qop: <c>H(method:digest-uri)</c> (RFC 7616 §3.4.3).</summary>
    public static string ComputeHa2(DigestAlgorithm algorithm, string method, string digestUri)
    {
        ArgumentNullException.ThrowIfNull(method);
        ArgumentNullException.ThrowIfNull(digestUri);
        return HashText(algorithm, $"{method}:{digestUri}");
    }

    /// <summary>
    /// The request-digest: <c>H(HA1:nonce:nc:cnonce:qop:HA2)</c> with a qop (RFC 7616 §3.4.1), or
    /// <c>H(HA1:nonce:HA2)</c> without one (RFC 2069 compatibility, RFC 2617 §3.2.2.1).
    /// </summary>
    public static string ComputeResponse(DigestAlgorithm algorithm, string ha1, string nonce, string? nonceCount, string? cnonce, string? qop, string ha2)
    {
        ArgumentNullException.ThrowIfNull(ha1);
        ArgumentNullException.ThrowIfNull(nonce);
        ArgumentNullException.ThrowIfNull(ha2);
        return HashText(algorithm, qop is null ? $"{ha1}:{nonce}:{ha2}" : $"{ha1}:{nonce}:{nonceCount}:{cnonce}:{qop}:{ha2}");
    }

    private static string HashText(DigestAlgorithm algorithm, string text)
    {
        var max = Encoding.UTF8.GetMaxByteCount(text.Length);
        var bytes = max <= 512 ? stackalloc byte[max] : new byte[max];
        var length = Encoding.UTF8.GetBytes(text, bytes);
        return DigestAlgorithms.Hash(algorithm, bytes[..length]);
    }
}
