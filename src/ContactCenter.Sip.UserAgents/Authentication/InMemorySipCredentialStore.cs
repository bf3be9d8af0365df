using System.Collections.Frozen;

namespace ContactCenter.Sip.UserAgents.Authentication;

/// <summary>
/// An <see cref="ISipCredentialStore"/> over a fixed list, for one realm. Passwords are turned into
/// HA1 values in the constructor and are not kept.
/// </summary>
public sealed class InMemorySipCredentialStore : ISipCredentialStore
{
    private readonly string _realm;
    private readonly FrozenDictionary<string, StoredHa1> _users;

    /// <summary>Builds the store; throws <see cref="ArgumentException"/> for a duplicate extension or an entry without a secret.</summary>
    public InMemorySipCredentialStore(string realm, IEnumerable<SipCredentialEntry> entries)
    {
        ArgumentException.ThrowIfNullOrEmpty(realm);
        ArgumentNullException.ThrowIfNull(entries);
        _realm = realm;
        var users = new Dictionary<string, StoredHa1>(StringComparer.Ordinal);
        foreach (var entry in entries)
        {
            ArgumentException.ThrowIfNullOrEmpty(entry.Extension, nameof(entries));
            var stored = entry.Password is { } password
                ? new StoredHa1(
                    DigestCalculator.ComputeHa1(DigestAlgorithm.Md5, entry.Extension, realm, password),
                    DigestCalculator.ComputeHa1(DigestAlgorithm.Sha256, entry.Extension, realm, password))
                : new StoredHa1(Normalise(DigestAlgorithm.Md5, entry.Ha1Md5, entry.Extension), Normalise(DigestAlgorithm.Sha256, entry.Ha1Sha256, entry.Extension));
            if (stored.Md5 is null && stored.Sha256 is null)
            {
                throw new ArgumentException($"Extension '{entry.Extension}' has neither a password nor an HA1.", nameof(entries));
            }

            if (!users.TryAdd(entry.Extension, stored))
            {
                throw new ArgumentException($"Extension '{entry.Extension}' is listed twice.", nameof(entries));
            }
        }

        _users = users.ToFrozenDictionary(StringComparer.Ordinal);
    }

    /// <inheritdoc/>
    public ValueTask<string?> TryGetAsync(string extension, string realm, DigestAlgorithm algorithm, CancellationToken cancellationToken)
    {
        if (!string.Equals(realm, _realm, StringComparison.Ordinal) || !_users.TryGetValue(extension, out var stored))
        {
            return ValueTask.FromResult<string?>(null);
        }

        return ValueTask.FromResult(DigestAlgorithms.GetBase(algorithm) == DigestAlgorithm.Md5 ? stored.Md5 : stored.Sha256);
    }

    private static string? Normalise(DigestAlgorithm algorithm, string? ha1, string extension)
    {
        if (ha1 is null)
        {
            return null;
        }

        return DigestAlgorithms.IsHash(algorithm, ha1)
            ? ha1.ToLowerInvariant()
            : throw new ArgumentException($"The {DigestAlgorithms.GetName(algorithm)} HA1 of extension '{extension}' is not a hex hash.", nameof(ha1));
    }

    private sealed record StoredHa1(string? Md5, string? Sha256);
}
