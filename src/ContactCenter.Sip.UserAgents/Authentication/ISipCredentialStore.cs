namespace ContactCenter.Sip.UserAgents.Authentication;

/// <summary>
/// The port through which digest authentication finds a user's secret. Secrets are kept only as
/// HA1 (<c>H(username:realm:password)</c>), one per base algorithm; plain passwords never reach it.
/// </summary>
public interface ISipCredentialStore
{
    /// <summary>
    /// Gets the lower-case hex HA1 of <paramref name="extension"/> in <paramref name="realm"/> for the
    /// base algorithm of <paramref name="algorithm"/> (MD5 or SHA-256), or null when there is none.
    /// </summary>
    ValueTask<string?> TryGetAsync(string extension, string realm, DigestAlgorithm algorithm, CancellationToken cancellationToken);
}
