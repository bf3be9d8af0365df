using System.Security.Claims;
using ContactCenter.Crm.Model;
using ContactCenter.Crm.Users;

namespace ContactCenter.Host.Security;

/// <summary>Builds the claims principal of a signed-in user.</summary>
public static class UserPrincipal
{
    /// <summary>Claim that carries the user's staff id, when the user is a member of staff.</summary>
    public const string StaffIdClaim = "contactcenter:staff-id";

    /// <summary>A principal with name, id, role and security-stamp claims.</summary>
    public static ClaimsPrincipal Create(User user, string scheme)
    {
        ArgumentNullException.ThrowIfNull(user);
        var claims = new List<Claim>
        {
            new(ClaimTypes.NameIdentifier, user.Id.ToString()),
            new(ClaimTypes.Name, user.UserName),
            new(SecurityStamp.ClaimType, SecurityStamp.Of(user)),
        };
        claims.AddRange(user.Roles.Select(r => new Claim(ClaimTypes.Role, r)));
        if (user.StaffId is { } staffId)
        {
            claims.Add(new Claim(StaffIdClaim, staffId.ToString()));
        }

        return new ClaimsPrincipal(new ClaimsIdentity(claims, scheme));
    }
}
