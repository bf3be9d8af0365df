using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using ContactCenter.Crm.Model;

namespace ContactCenter.Host.Security;

/// <summary>
/// Basic-auth credentials the database verified in this run, so that integrations keep working while PostgreSQL is down
/// (issue #15), as signed-in desks do through <c>KnownUsers</c>. Kept in memory only, as an HMAC-SHA256 of the user name
/// and password under a key made at start (never the password or its database hash), with the user as it was then. A
/// failed check with the database up forgets the user, so a changed password or a disabled user stops working at once.
/// </summary>
public sealed class VerifiedBasicCredentials
{
    private readonly byte[] _key = RandomNumberGenerator.GetBytes(32);
    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);

    /// <summary>What a check against the remembered credentials says.</summary>
    public enum Verdict
    {
        /// <summary>The database never verified this user in this run.</summary>
        Unknown,

        /// <summary>The same user name and password the database verified.</summary>
        Matches,

        /// <summary>A password other than the one the database verified.</summary>
        Differs,
    }

    /// <summary>The database verified <paramref name="password"/> for <paramref name="user"/>.</summary>
    public void Verified(string userName, string password, User user)
    {
        ArgumentNullException.ThrowIfNull(user);
        var copy = new User
        {
            Id = user.Id, UserName = user.UserName, PasswordHash = user.PasswordHash, Roles = [.. user.Roles], StaffId = user.StaffId,
            IsActive = user.IsActive, CreatedAt = user.CreatedAt,
        };
        _entries[userName] = new Entry(Mac(userName, password), copy);
    }

    /// <summary>The database refused the user's credentials (or the user is gone): forget them.</summary>
    public void Forget(string userName) => _entries.TryRemove(userName, out _);

    /// <summary>Checks <paramref name="password"/> against what the database verified for <paramref name="userName"/> (in constant time).</summary>
    public Verdict Check(string userName, string password, out User? user)
    {
        user = null;
        if (!_entries.TryGetValue(userName, out var entry))
        {
            return Verdict.Unknown;
        }

        if (!CryptographicOperations.FixedTimeEquals(entry.Mac, Mac(userName, password)))
        {
            return Verdict.Differs;
        }

        user = entry.User;
        return Verdict.Matches;
    }

    private byte[] Mac(string userName, string password) => HMACSHA256.HashData(_key, Encoding.UTF8.GetBytes(userName + "\0" + password));

    private sealed record Entry(byte[] Mac, User User);
}
