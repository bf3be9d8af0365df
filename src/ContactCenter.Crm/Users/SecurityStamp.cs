using System.Security.Cryptography;
using System.Text;
using ContactCenter.Crm.Model;

namespace ContactCenter.Crm.Users;

/// <summary>
/// A short digest of everything that decides what a user may do: the password hash, whether the account is active,
/// its roles and its staff link. A session cookie carries the stamp of the moment it was issued; a password reset,
/// disabling, a role change or a new staff link changes the stamp and so ends every existing session at its next
/// request. Derived from the row itself (like Django's session auth hash), so no extra column has to be kept in step.
/// </summary>
public static class SecurityStamp
{
    /// <summary>Name of the claim that carries the stamp.</summary>
    public const string ClaimType = "contactcenter:security-stamp";

    /// <summary>The stamp of <paramref name="user"/> as it is now.</summary>
    public static string Of(User user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return Of(user.Id, user.PasswordHash, user.IsActive, user.Roles, user.StaffId);
    }

    /// <summary>The stamp of a user from its fields (for queries that do not load the whole row).</summary>
    public static string Of(Guid id, string passwordHash, bool isActive, IEnumerable<string> roles, Guid? staffId)
    {
        ArgumentNullException.ThrowIfNull(passwordHash);
        ArgumentNullException.ThrowIfNull(roles);
        var text = string.Join('\n', id.ToString("N"), passwordHash, isActive ? "active" : "disabled",
            string.Join(',', roles.Order(StringComparer.Ordinal)), staffId?.ToString("N") ?? "-");
        return Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(text)).AsSpan(0, 18));
    }
}
