namespace ContactCenter.Acd.Directory;

/// <summary>A member of staff as the router sees them.</summary>
/// <param name="Extension">The softphone extension.</param>
/// <param name="Name">Full name.</param>
/// <param name="Role">Role name (Operator, Manager, DepartmentHead, Finance, ...).</param>
/// <param name="DepartmentCode">Department code, or null.</param>
/// <param name="IsKeyAccountManager">A key-account manager (they back each other up).</param>
/// <param name="SubstituteExtension">Who takes over the duties while this person is absent, as the CRM records it.</param>
/// <param name="IsActive">False for people who left: never a target.</param>
public sealed record DirectoryStaff(string Extension, string Name, string Role, string? DepartmentCode, bool IsKeyAccountManager,
    string? SubstituteExtension, bool IsActive = true);
