namespace ContactCenter.Crm.Api;

/// <summary>Authorization policy names; the host defines them from the roles below.</summary>
public static class CrmPolicies
{
    /// <summary>Admins only.</summary>
    public const string Admin = "admin";

    /// <summary>Anyone who works with clients: operators, managers, heads, finance, dispatchers, admins.</summary>
    public const string Staff = "staff";

    /// <summary>Roles that make up <see cref="Staff"/>.</summary>
    public static readonly string[] StaffRoles = ["Operator", "Manager", "DepartmentHead", "Finance", "Dispatcher", "Admin"];
}
