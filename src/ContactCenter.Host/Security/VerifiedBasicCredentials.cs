using System.Collections.Concurrent;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using ContactCenter.Crm.Users;

namespace ContactCenter.Host.Security;

/// <summary>
/// Basic-auth credentials the database verified in this run, so that integrations keep working while PostgreSQL is down
/// (issue #15), as signed-in desks do through <see cref="KnownUsers"/>. Kept in memory only, as an HMAC-SHA256 of the user
/// name and password under a key made at start, with the principal (name, roles, staff link, security stamp) built then;
/// never the password or its hash. An entry goes when the database refuses the credentials, when the user's password,
/// roles or active flag change (<see cref="KnownUsers.Forgotten"/>), and after <see cref="MaxAge"/>.
/// </summary>
public sealed class VerifiedBasicCredentials
{
    /// <summary>How long a verification is remembered.</summary>
    public static readonly TimeSpan MaxAge = TimeSpan.FromHours(12);

    private readonly byte[] _key = RandomNumberGenerator.GetBytes(32);
    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);
    private readonly TimeProvider _time;

    /// <summary>Creates the store; it forgets whomever <paramref name="known"/> forgets.</summary>
    public VerifiedBasicCredentials(KnownUsers known, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(known);
        _time = time;
        known.Forgotten += Forget;
    }

    /// <summary>What a check against the remembered credentials says.</summary>
    public enum Verdict
    {
        /// <summary>The database never verified this user in this run (or too long ago).</summary>
        Unknown,

        /// <summary>The same user name and password the database verified.</summary>
        Matches,

        /// <summary>A password other than the one the database verified.</summary>
        Differs,
    }

    /// <summary>The database verified <paramref name="password"/> for the user <paramref name="principal"/> stands for.</summary>
    public void Verified(string userName, string password, ClaimsPrincipal principal)
    {
        ArgumentNullException.ThrowIfNull(principal);
        _entries[userName] = new Entry(Mac(userName, password), principal.Clone(), _time.GetUtcNow());
    }

    /// <summary>The database refused the user's credentials, or the user changed: forget them.</summary>
    public void Forget(string userName) => _entries.TryRemove(userName, out _);

    /// <summary>Checks <paramref name="password"/> against what the database verified for <paramref name="userName"/> (in constant time).</summary>
    public Verdict Check(string userName, string password, out ClaimsPrincipal? principal)
    {
        principal = null;
        if (!_entries.TryGetValue(userName, out var entry) || _time.GetUtcNow() - entry.At > MaxAge)
        {
            return Verdict.Unknown;
        }

        if (!CryptographicOperations.FixedTimeEquals(entry.Mac, Mac(userName, password)))
        {
            return Verdict.Differs;
        }

        principal = entry.Principal.Clone();
        return Verdict.Matches;
    }

    private byte[] Mac(string userName, string password) => HMACSHA256.HashData(_key, Encoding.UTF8.GetBytes(userName + "\0" + password));

    private sealed record Entry(byte[] Mac, ClaimsPrincipal Principal, DateTimeOffset At);
}
