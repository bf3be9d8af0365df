using System.Collections.Frozen;
using ContactCenter.Crm.Persistence;
using ContactCenter.Sip.UserAgents.Authentication;
using Microsoft.EntityFrameworkCore;

namespace ContactCenter.Host.Sip;

/// <summary>
/// SIP credentials from the database (<c>sip_accounts</c>: HA1 digests managed in the admin console) over the
/// extensions of sip.json, which stay the demo's seed: an extension with a database account authenticates only with
/// it (and not at all while it is disabled); any other extension as sip.json says. The accounts are held in memory
/// (no database round trip per REGISTER) and reloaded after every change made through the API.
/// </summary>
public sealed class SipAccountCredentialStore(InMemorySipCredentialStore seed, IServiceScopeFactory scopes) : ISipCredentialStore
{
    private volatile FrozenDictionary<string, Account> _accounts = FrozenDictionary<string, Account>.Empty;

    /// <summary>Extensions that have a database account (active or not).</summary>
    public IReadOnlyCollection<string> AccountExtensions => _accounts.Keys;

    /// <summary>Reads the accounts from the database again.</summary>
    public async Task ReloadAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CrmDbContext>();
        var accounts = await db.SipAccounts.AsNoTracking()
            .Select(a => new { a.Extension, a.Realm, a.Ha1Md5, a.Ha1Sha256, a.IsActive }).ToListAsync(cancellationToken);
        _accounts = accounts.ToFrozenDictionary(a => a.Extension, a => new Account(a.Realm, a.Ha1Md5, a.Ha1Sha256, a.IsActive), StringComparer.Ordinal);
    }

    /// <inheritdoc />
    public ValueTask<string?> TryGetAsync(string extension, string realm, DigestAlgorithm algorithm, CancellationToken cancellationToken)
    {
        if (!_accounts.TryGetValue(extension, out var account))
        {
            return seed.TryGetAsync(extension, realm, algorithm, cancellationToken);
        }

        var ha1 = !account.IsActive || !string.Equals(account.Realm, realm, StringComparison.Ordinal) ? null
            : DigestAlgorithms.GetBase(algorithm) == DigestAlgorithm.Md5 ? account.Ha1Md5 : account.Ha1Sha256;
        return ValueTask.FromResult(ha1);
    }

    /// <summary>The HA1 digests sip.json gives <paramref name="extension"/> in <paramref name="realm"/> (to carry them into a new account).</summary>
    public async ValueTask<(string? Md5, string? Sha256)> SeedDigestsAsync(string extension, string realm, CancellationToken cancellationToken) =>
        (await seed.TryGetAsync(extension, realm, DigestAlgorithm.Md5, cancellationToken),
         await seed.TryGetAsync(extension, realm, DigestAlgorithm.Sha256, cancellationToken));

    private sealed record Account(string Realm, string Ha1Md5, string Ha1Sha256, bool IsActive);
}
