using ContactCenter.Crm.Model;
using ContactCenter.Crm.Persistence;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace ContactCenter.Crm.Users;

/// <summary>Checks sign-in credentials and creates users; passwords are stored only as PBKDF2 hashes.</summary>
public sealed class UserDirectory(CrmDbContext db, IPasswordHasher<User> hasher, TimeProvider time, KnownUsers? known = null)
{
    // A fixed hash verified for unknown user names, so that a wrong name and a wrong password take
    // the same time and give the same answer.
    private static readonly string DummyHash = new PasswordHasher<User>().HashPassword(
        new User { UserName = "-", PasswordHash = "-" }, "not-a-password");

    /// <summary>The active user with these credentials, or null; never says which part was wrong.</summary>
    public async Task<User?> ValidateAsync(string userName, string password, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(userName);
        ArgumentNullException.ThrowIfNull(password);
        var user = await db.Users.SingleOrDefaultAsync(u => u.UserName == userName && u.IsActive, cancellationToken);
        if (user is null)
        {
            hasher.VerifyHashedPassword(new User { UserName = userName, PasswordHash = DummyHash }, DummyHash, password);
            return null;
        }

        var result = hasher.VerifyHashedPassword(user, user.PasswordHash, password);
        if (result == PasswordVerificationResult.Failed)
        {
            return null;
        }

        if (result == PasswordVerificationResult.SuccessRehashNeeded)
        {
            user.PasswordHash = hasher.HashPassword(user, password);
            await db.SaveChangesAsync(cancellationToken);
        }

        return user;
    }

    /// <summary>Gives user <paramref name="id"/> a new password hash (does not save); false when there is no such user.</summary>
    public async Task<bool> SetPasswordAsync(Guid id, string password, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(password);
        var user = await db.Users.SingleOrDefaultAsync(u => u.Id == id, cancellationToken);
        if (user is not null)
        {
            user.PasswordHash = hasher.HashPassword(user, password);
            known?.Forget(user.UserName);
        }

        return user is not null;
    }

    /// <summary>Creates or updates a user with a new password hash (does not save).</summary>
    public async Task<User> UpsertAsync(string userName, string password, IEnumerable<string> roles, Guid? staffId,
        CancellationToken cancellationToken)
    {
        var user = await db.Users.SingleOrDefaultAsync(u => u.UserName == userName, cancellationToken);
        if (user is null)
        {
            user = new User { Id = Guid.CreateVersion7(time.GetUtcNow()), UserName = userName, PasswordHash = "", CreatedAt = time.GetUtcNow() };
            db.Users.Add(user);
        }

        user.PasswordHash = hasher.HashPassword(user, password);
        known?.Forget(userName);
        user.Roles = roles.Distinct(StringComparer.Ordinal).ToList();
        user.StaffId = staffId;
        user.IsActive = true;
        return user;
    }
}
