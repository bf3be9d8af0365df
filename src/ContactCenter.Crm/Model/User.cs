namespace ContactCenter.Crm.Model;

/// <summary>A sign-in for the web desktop and the API.</summary>
public sealed class User
{
    public Guid Id { get; set; }

    public required string UserName { get; set; }

    /// <summary>Password hash in ASP.NET Core Identity's format (PBKDF2); never the password.</summary>
    public required string PasswordHash { get; set; }

    /// <summary>Authorization roles (names of <see cref="StaffRole"/> values).</summary>
    public List<string> Roles { get; set; } = [];

    /// <summary>The member of staff this sign-in belongs to, if any (the admin may have none).</summary>
    public Guid? StaffId { get; set; }

    public bool IsActive { get; set; } = true;

    public DateTimeOffset CreatedAt { get; set; }
}
