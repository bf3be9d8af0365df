using System.Collections.Concurrent;

namespace ContactCenter.Crm.Users;

/// <summary>
/// What this process last read from the database about each signed-in user - the security stamp their cookie was
/// checked against and the extension of their staff record. While the database is down (<see cref="Persistence.DatabaseOutage"/>), call control goes on for users already checked (issue #15: telephony never depends on the database): a cookie
/// whose stamp the database confirmed earlier in this run is accepted, and the user acts for the extension it gave. A
/// user the database never confirmed in this run gets "CRM unavailable". A change made while the database is down cannot
/// exist (it is made in the database), so nothing is accepted that the database would refuse now, except a change made
/// just before the outage and not yet seen by this process.
/// </summary>
public sealed class KnownUsers
{
    private readonly ConcurrentDictionary<string, Known> _users = new(StringComparer.Ordinal);
    /// <summary>The database confirmed <paramref name="userName"/>'s <paramref name="stamp"/> and gave their staff extension.</summary>
    public void Confirmed(string userName, string stamp, string? extension) => _users[userName] = new Known(stamp, extension);

    /// <summary>
    /// The database gave <paramref name="userName"/>'s staff extension (for any sign-in: cookie or Basic); a stamp confirmed
    /// earlier stays.
    /// </summary>
    public void ExtensionRead(string userName, string? extension) =>
        _users.AddOrUpdate(userName, _ => new Known(null, extension), (_, known) => known with { Extension = extension });

    /// <summary>Raised by <see cref="Forget"/>: whatever else remembers the user's credentials forgets them too.</summary>
    public event Action<string>? Forgotten;

    /// <summary>
    /// The user is no longer valid as remembered (disabled, removed, password or roles changed): forget them, so a later
    /// database outage does not let an old cookie or password back in.
    /// </summary>
    public void Forget(string userName)
    {
        _users.TryRemove(userName, out _);
        Forgotten?.Invoke(userName);
    }

    /// <summary>Whether the database confirmed <paramref name="stamp"/> for <paramref name="userName"/> in this run.</summary>
    public bool WasConfirmed(string userName, string stamp) =>
        _users.TryGetValue(userName, out var known) && string.Equals(known.Stamp, stamp, StringComparison.Ordinal);

    /// <summary>The extension last read for <paramref name="userName"/>; false when the user was never confirmed in this run.</summary>
    public bool TryExtension(string userName, out string? extension)
    {
        var found = _users.TryGetValue(userName, out var known);
        extension = known?.Extension;
        return found;
    }

    private sealed record Known(string? Stamp, string? Extension);
}
