namespace ContactCenter.Crm.Api;

/// <summary>Authorization policy names; the host defines them from the roles below.</summary>
public static class CrmPolicies
{
    /// <summary>Admins only.</summary>
    public const string Admin = "admin";

    /// <summary>Anyone who works with clients: operators, managers, heads, finance, dispatchers, admins.</summary>
    public const string Staff = "staff";

    /// <summary>Department heads (and admins): hand out call lists and read their results.</summary>
    public const string Heads = "heads";

    /// <summary>Who works call lists: operators, managers, heads, admins.</summary>
    public const string CallLists = "call-lists";

    /// <summary>Dispatchers (and admins): deliveries and their notification calls.</summary>
    public const string Dispatch = "dispatch";

    /// <summary>Who reads reports: department heads and admins (everything), managers (their own row).</summary>
    public const string Reports = "reports";

    /// <summary>Roles that make up <see cref="Staff"/>.</summary>
    public static readonly string[] StaffRoles = ["Operator", "Manager", "DepartmentHead", "Finance", "Dispatcher", "Admin"];

    /// <summary>Roles that make up <see cref="Heads"/>.</summary>
    public static readonly string[] HeadRoles = ["DepartmentHead", "Admin"];

    /// <summary>Roles that make up <see cref="CallLists"/>.</summary>
    public static readonly string[] CallListRoles = ["Operator", "Manager", "DepartmentHead", "Admin"];

    /// <summary>Roles that make up <see cref="Dispatch"/>.</summary>
    public static readonly string[] DispatchRoles = ["Dispatcher", "Admin"];

    /// <summary>Roles that make up <see cref="Reports"/>.</summary>
    public static readonly string[] ReportRoles = ["DepartmentHead", "Admin", "Manager"];
}
