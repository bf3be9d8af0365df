using System.Globalization;
using System.Security.Cryptography;
using ContactCenter.Sip.Syntax;
using ContactCenter.Sip.Syntax.Building;
using ContactCenter.Sip.Syntax.Headers;

namespace ContactCenter.Sip.UserAgents.Authentication;

/// <summary>
/// Our side of digest authentication toward a peer that challenges us (a carrier's registrar or proxy: RFC 3261 §22.2,
/// RFC 7616, RFC 8760): it keeps the last challenge of one realm and answers it, counting the nonce uses (nc) so the
/// challenge can be reused without a new round trip. SHA-256 is preferred when offered, then MD5; qop=auth, or the
/// RFC 2069 form when the peer offers no qop. The password is never logged (the header's ToString redacts).
/// </summary>
public sealed class DigestClientSession
{
    private readonly string _username;
    private readonly string _password;
    private readonly string? _realm;
    private Challenge? _challenge;
    private int _nonceCount;

    /// <summary>
    /// A session for <paramref name="username"/> with <paramref name="password"/>; with <paramref name="realm"/> only that
    /// realm's challenges are answered (our password is not offered to any other).
    /// </summary>
    public DigestClientSession(string username, string password, string? realm = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(username);
        ArgumentNullException.ThrowIfNull(password);
        _username = username;
        _password = password;
        _realm = string.IsNullOrEmpty(realm) ? null : realm;
    }

    /// <summary>Whether a challenge has been taken (requests can then carry credentials up front).</summary>
    public bool HasChallenge => _challenge is not null;

    /// <summary>
    /// Takes the challenge of a 401 (WWW-Authenticate) or 407 (Proxy-Authenticate). False when there is nothing we can
    /// answer, or when our answer to a challenge taken just before (<paramref name="answeredFreshChallenge"/>) or the same
    /// nonce is challenged again without <c>stale=true</c>: the credentials are wrong, and sending them again would only
    /// count as another failure at the peer (and toward its brute-force ban).
    /// </summary>
    public bool TakeChallenge(SipResponse response, bool answeredFreshChallenge = false)
    {
        ArgumentNullException.ThrowIfNull(response);
        var proxy = response.StatusCode == 407;
        if (response.StatusCode is not (401 or 407)
            || !response.TryGetAuthHeaders(proxy ? SipHeaderKind.ProxyAuthenticate : SipHeaderKind.WwwAuthenticate, out var headers))
        {
            return false;
        }

        Challenge? best = null;
        foreach (var header in headers)
        {
            if (Read(header, proxy) is { } candidate && (_realm is null || candidate.Realm == _realm) && (best is null || Rank(candidate.Algorithm) > Rank(best.Algorithm)))
            {
                best = candidate;
            }
        }

        if (best is null || (!best.Stale && (answeredFreshChallenge || (_challenge is { } previous && previous.Nonce == best.Nonce && previous.Realm == best.Realm))))
        {
            return false;
        }

        _challenge = best;
        _nonceCount = 0;
        return true;
    }

    /// <summary>Adds our credentials for the current challenge to a request being built; nothing when there is no challenge.</summary>
    public void Authorize(SipRequestBuilder request, SipMethod method, SipUri requestUri)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (_challenge is not { } challenge)
        {
            return;
        }

        var uri = requestUri.ToString();
        var ha1 = DigestCalculator.ComputeHa1(challenge.Algorithm, _username, challenge.Realm, _password);
        string? nc = null, cnonce = null;
        if (challenge.Qop is not null)
        {
            nc = (++_nonceCount).ToString("x8", CultureInfo.InvariantCulture);
            cnonce = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8));
        }

        ha1 = DigestCalculator.ComputeEffectiveHa1(challenge.Algorithm, ha1, challenge.Nonce, cnonce);
        var ha2 = DigestCalculator.ComputeHa2(challenge.Algorithm, method.Name, uri);
        var response = DigestCalculator.ComputeResponse(challenge.Algorithm, ha1, challenge.Nonce, nc, cnonce, challenge.Qop, ha2);
        var parameters = new List<SipParameter>
        {
            new("username", SipAuthHeader.QuoteValue(_username)),
            new("realm", SipAuthHeader.QuoteValue(challenge.Realm)),
            new("nonce", SipAuthHeader.QuoteValue(challenge.Nonce)),
            new("uri", SipAuthHeader.QuoteValue(uri)),
            new("response", SipAuthHeader.QuoteValue(response)),
            new("algorithm", DigestAlgorithms.GetName(challenge.Algorithm)),
        };
        if (challenge.Opaque is not null)
        {
            parameters.Add(new SipParameter("opaque", SipAuthHeader.QuoteValue(challenge.Opaque)));
        }

        if (challenge.Qop is not null)
        {
            parameters.Add(new SipParameter("qop", challenge.Qop));
            parameters.Add(new SipParameter("nc", nc));
            parameters.Add(new SipParameter("cnonce", SipAuthHeader.QuoteValue(cnonce!)));
        }

        request.AddHeader(challenge.Proxy ? SipHeaderKind.ProxyAuthorization : SipHeaderKind.Authorization,
            SipAuthHeader.Create("Digest", parameters).ToHeaderValue());
    }

    private static Challenge? Read(SipAuthHeader header, bool proxy)
    {
        if (!header.IsScheme("Digest") || !header.TryGet("realm", out var realm) || !header.TryGet("nonce", out var nonce) || nonce.Length == 0)
        {
            return null;
        }

        var algorithmName = header.TryGet("algorithm", out var name) ? name : null;
        if (!DigestAlgorithms.TryParse(algorithmName, out var algorithm))
        {
            return null; // e.g. SHA-512-256: not ours to answer
        }

        string? qop = null;
        if (header.TryGet("qop", out var qops))
        {
            if (!qops.Split(',').Select(q => q.Trim()).Contains("auth", StringComparer.OrdinalIgnoreCase))
            {
                return null; // auth-int only
            }

            qop = "auth";
        }

        var stale = header.TryGet("stale", out var staleText) && staleText.Equals("true", StringComparison.OrdinalIgnoreCase);
        return new Challenge(realm, nonce, header.TryGet("opaque", out var opaque) ? opaque : null, algorithm, qop, stale, proxy);
    }

    private static int Rank(DigestAlgorithm algorithm) => algorithm switch
    {
        DigestAlgorithm.Sha256 or DigestAlgorithm.Sha256Sess => 2,
        _ => 1,
    };

    private sealed record Challenge(string Realm, string Nonce, string? Opaque, DigestAlgorithm Algorithm, string? Qop, bool Stale, bool Proxy);
}
