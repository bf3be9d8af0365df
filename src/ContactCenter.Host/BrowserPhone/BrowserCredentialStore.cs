using ContactCenter.Sip.UserAgents.Authentication;

namespace ContactCenter.Host.BrowserPhone;

/// <summary>
/// The credentials the browser registrar checks: the current browser password of an extension, only while the extension's
/// own SIP account can sign in (a disabled or unknown account gets none here either).
/// </summary>
public sealed class BrowserCredentialStore(ISipCredentialStore accounts, BrowserSipCredentials credentials) : ISipCredentialStore
{
    /// <inheritdoc />
    public async ValueTask<string?> TryGetAsync(string extension, string realm, DigestAlgorithm algorithm, CancellationToken cancellationToken)
    {
        if (await accounts.TryGetAsync(extension, realm, algorithm, cancellationToken) is null)
        {
            return null;
        }

        return DigestCalculator.ComputeHa1(DigestAlgorithms.GetBase(algorithm), extension, realm, credentials.Current(extension).Password);
    }
}
