using System.Globalization;
using ContactCenter.Sip.Syntax.Headers;

namespace ContactCenter.Sip.UserAgents.Authentication;

/// <summary>The parameters of one <c>Digest</c> Authorization value (RFC 7616 §3.4, RFC 3261 §22.4).</summary>
internal sealed record DigestCredentials(
    string Username,
    string Realm,
    string Nonce,
    string DigestUri,
    string Response,
    DigestAlgorithm Algorithm,
    string? Qop,
    string? Cnonce,
    string? NonceCountText,
    uint NonceCount,
    string? Opaque)
{
    /// <summary>
    /// Reads the parameters; <see cref="DigestVerificationStatus.Malformed"/> when one is missing or
    /// badly formed, <see cref="DigestVerificationStatus.Failed"/> for an algorithm or qop we do not
    /// support, <see cref="DigestVerificationStatus.Ok"/> otherwise.
    /// </summary>
    public static DigestVerificationStatus TryRead(SipAuthHeader header, out DigestCredentials? credentials)
    {
        credentials = null;
        if (!header.TryGet("username", out var username) || username.Length == 0
            || !header.TryGet("realm", out var realm)
            || !header.TryGet("nonce", out var nonce) || nonce.Length == 0
            || !header.TryGet("uri", out var uri) || uri.Length == 0
            || !header.TryGet("response", out var response))
        {
            return DigestVerificationStatus.Malformed;
        }

        if (!DigestAlgorithms.TryParse(header.TryGet("algorithm", out var name) ? name : null, out var algorithm))
        {
            return DigestVerificationStatus.Failed;
        }

        if (!DigestAlgorithms.IsHash(algorithm, response))
        {
            return DigestVerificationStatus.Malformed;
        }

        string? qop = null, cnonce = null, ncText = null;
        uint nc = 0;
        if (header.TryGet("qop", out var qopValue))
        {
            if (!qopValue.Equals("auth", StringComparison.OrdinalIgnoreCase))
            {
                return DigestVerificationStatus.Failed;
            }

            // RFC 7616 §3.4: with a qop, cnonce and nc (exactly 8 hex digits) MUST be present.
            if (!header.TryGet("cnonce", out var cnonceValue) || cnonceValue.Length == 0
                || !header.TryGet("nc", out var ncValue) || ncValue.Length != 8
                || !uint.TryParse(ncValue, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out nc))
            {
                return DigestVerificationStatus.Malformed;
            }

            qop = qopValue;
            cnonce = cnonceValue;
            ncText = ncValue;
        }
        else if (DigestAlgorithms.IsSession(algorithm))
        {
            // The -sess HA1 needs a cnonce, which only comes with a qop.
            return DigestVerificationStatus.Malformed;
        }

        credentials = new DigestCredentials(username, realm, nonce, uri, response.ToLowerInvariant(), algorithm, qop, cnonce, ncText, nc,
            header.TryGet("opaque", out var opaque) ? opaque : null);
        return DigestVerificationStatus.Ok;
    }
}
