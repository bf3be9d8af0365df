using System.Net;
using System.Security.Cryptography;
using System.Text;
using ContactCenter.Sip.Syntax;
using ContactCenter.Sip.Syntax.Headers;
using ContactCenter.Sip.UserAgents.Registration;
using Microsoft.Extensions.Options;

namespace ContactCenter.Sip.UserAgents.Authentication;

/// <summary>
/// Server-side digest authentication (RFC 3261 §22, RFC 7616, RFC 8760): makes challenges with
/// stateless nonces and checks credentials. An unknown user and a wrong password take the same path,
/// do the same hashing and give the same answer.
/// </summary>
public sealed class DigestAuthenticator
{
    private readonly RegistrarOptions _options;
    private readonly ISipCredentialStore _store;
    private readonly TimeProvider _time;
    private readonly DigestNonceIssuer _nonces;
    private readonly NonceCountTracker _nonceCounts;
    private readonly AuthFailureLimiter? _limiter;
    private readonly string _unknownUserHa1Md5;
    private readonly string _unknownUserHa1Sha256;

    /// <summary>
    /// Creates the authenticator with a fresh nonce key; with <paramref name="limiter"/>, an extension blocked for
    /// password guessing authenticates only from the addresses it used before the block.
    /// </summary>
    public DigestAuthenticator(IOptions<RegistrarOptions> options, ISipCredentialStore store, TimeProvider time, AuthFailureLimiter? limiter = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(time);
        _options = options.Value;
        _store = store;
        _time = time;
        _limiter = limiter;
        _nonces = new DigestNonceIssuer(time, _options.NonceLifetime, _options.BindNonceToSourceAddress);
        _nonceCounts = new NonceCountTracker(_options.MaxTrackedNonces, _options.NonceLifetime);
        var seed = RandomNumberGenerator.GetBytes(32);
        _unknownUserHa1Md5 = DigestAlgorithms.Hash(DigestAlgorithm.Md5, seed);
        _unknownUserHa1Sha256 = DigestAlgorithms.Hash(DigestAlgorithm.Sha256, seed);
    }

    /// <summary>The realm challenged for.</summary>
    public string Realm => _options.Realm;

    /// <summary>
    /// Makes one challenge per configured algorithm, SHA-256 first (RFC 8760 §2.4), sharing a new nonce
    /// for <paramref name="source"/>: <c>Digest realm, nonce, opaque, algorithm, qop="auth"[, stale=true]</c>.
    /// </summary>
    public IReadOnlyList<SipAuthHeader> CreateChallenges(IPAddress source, bool stale)
    {
        ArgumentNullException.ThrowIfNull(source);
        var nonce = _nonces.Create(source);
        var challenges = new List<SipAuthHeader>(_options.EffectiveAlgorithms.Count);
        foreach (var algorithm in _options.EffectiveAlgorithms)
        {
            List<SipParameter> parameters =
            [
                new("realm", SipAuthHeader.QuoteValue(_options.Realm)),
                new("nonce", SipAuthHeader.QuoteValue(nonce)),
                new("opaque", SipAuthHeader.QuoteValue(_nonces.Opaque)),
                new("algorithm", DigestAlgorithms.GetName(algorithm)),
                new("qop", SipAuthHeader.QuoteValue("auth")),
            ];
            if (stale)
            {
                parameters.Add(new SipParameter("stale", "true"));
            }

            challenges.Add(SipAuthHeader.Create("Digest", parameters));
        }

        return challenges;
    }

    /// <summary>Checks the Authorization credentials of <paramref name="request"/> received from <paramref name="source"/>.</summary>
    public ValueTask<DigestVerification> VerifyAsync(SipRequest request, IPAddress source, CancellationToken cancellationToken) =>
        VerifyAsync(request, source, SipHeaderKind.Authorization, cancellationToken);

    /// <summary>
    /// Checks the credentials in <paramref name="credentialsHeader"/> (Authorization or Proxy-Authorization)
    /// of <paramref name="request"/> received from <paramref name="source"/>.
    /// </summary>
    public async ValueTask<DigestVerification> VerifyAsync(SipRequest request, IPAddress source, SipHeaderKind credentialsHeader,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(source);
        if (!request.Headers.Contains(credentialsHeader))
        {
            return new DigestVerification(DigestVerificationStatus.Missing);
        }

        if (!request.TryGetAuthHeaders(credentialsHeader, out var headers))
        {
            return new DigestVerification(DigestVerificationStatus.Malformed);
        }

        // RFC 3261 §22.4: a request may carry credentials for several realms; use the one for ours.
        var header = headers.FirstOrDefault(h => h.IsScheme("Digest") && h.TryGet("realm", out var r) && r == _options.Realm);
        if (header is null)
        {
            return new DigestVerification(DigestVerificationStatus.Missing);
        }

        var read = DigestCredentials.TryRead(header, out var credentials);
        if (read != DigestVerificationStatus.Ok)
        {
            return new DigestVerification(read);
        }

        // RFC 2617 §3.2.2.5: a digest-uri naming another resource than the Request-URI is a bad request. Accepted too:
        // the Request-URI without its user part (sipp 3.6 answers 407 on an INVITE with uri="sip:HOST:PORT"); it still
        // names this server, so credentials computed for another one are refused.
        if (!SipUri.TryParse(credentials!.DigestUri, out var digestUri) || !(digestUri.IsEquivalentTo(request.RequestUri) || IsServerOf(digestUri, request.RequestUri)))
        {
            return new DigestVerification(DigestVerificationStatus.Malformed);
        }

        var supported = _options.EffectiveAlgorithms.Contains(credentials.Algorithm) && (credentials.Qop is not null || _options.AllowRfc2069);

        // Opaque is per instance like the nonce key: another one means a challenge from before a restart.
        var issuedAt = default(DateTimeOffset);
        var nonceState = credentials.Opaque is null || credentials.Opaque == _nonces.Opaque
            ? _nonces.Validate(credentials.Nonce, source, out issuedAt)
            : NonceState.Invalid;

        // The same work whether or not the user exists: a stand-in HA1 that can never match.
        var storedHa1 = await _store.TryGetAsync(credentials.Username, _options.Realm, credentials.Algorithm, cancellationToken);
        var known = DigestAlgorithms.IsHash(credentials.Algorithm, storedHa1);
        var ha1 = DigestCalculator.ComputeEffectiveHa1(credentials.Algorithm, known ? storedHa1!.ToLowerInvariant() : UnknownUserHa1(credentials.Algorithm),
            credentials.Nonce, credentials.Cnonce);
        var ha2 = DigestCalculator.ComputeHa2(credentials.Algorithm, request.Method.Name, credentials.DigestUri);
        var expected = DigestCalculator.ComputeResponse(credentials.Algorithm, ha1, credentials.Nonce, credentials.NonceCountText,
            credentials.Cnonce, credentials.Qop, ha2);
        var matches = CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(expected), Encoding.ASCII.GetBytes(credentials.Response));
        if (!(matches && known && supported))
        {
            // A guess only when the nonce is one we gave this very source: whoever sends it received our challenge there.
            return new DigestVerification(DigestVerificationStatus.Failed, AttemptedUsername: credentials.Username,
                CountsAsGuess: !matches && nonceState != NonceState.Invalid);
        }

        // Right password for an extension blocked for guessing, from an address it never used: refused like a wrong one.
        if (_limiter is not null && _limiter.IsExtensionBlocked(credentials.Username, source))
        {
            return new DigestVerification(DigestVerificationStatus.Failed, AttemptedUsername: credentials.Username);
        }

        // RFC 7616 §3.3 stale: the credentials were right, only the nonce is no good.
        if (nonceState != NonceState.Valid)
        {
            return new DigestVerification(DigestVerificationStatus.Stale);
        }

        if (credentials.Qop is not null)
        {
            switch (_nonceCounts.Check(credentials.Nonce, issuedAt, credentials.NonceCount, _time.GetUtcNow()))
            {
                case NonceCountCheck.Replayed:
                    return new DigestVerification(DigestVerificationStatus.Failed, AttemptedUsername: credentials.Username);
                case NonceCountCheck.Forgotten:
                    return new DigestVerification(DigestVerificationStatus.Stale);
            }
        }

        _limiter?.RecordSuccess(source, credentials.Username);
        return new DigestVerification(DigestVerificationStatus.Ok, credentials.Username);
    }

    private static bool IsServerOf(SipUri digestUri, SipUri requestUri) =>
        digestUri.User is null && requestUri.User is not null && digestUri.Scheme == requestUri.Scheme
        && string.Equals(digestUri.Host, requestUri.Host, StringComparison.OrdinalIgnoreCase) && digestUri.Port == requestUri.Port;

    private string UnknownUserHa1(DigestAlgorithm algorithm) =>
        DigestAlgorithms.GetBase(algorithm) == DigestAlgorithm.Md5 ? _unknownUserHa1Md5 : _unknownUserHa1Sha256;
}
