namespace ContactCenter.Crm.Model;

/// <summary>A person who works with the system through a softphone extension and a web desktop.</summary>
public sealed class Staff
{
    public Guid Id { get; set; }

    /// <summary>The SIP extension of the person's softphone, e.g. <c>1001</c>.</summary>
    public required string Extension { get; set; }

    public required string FullName { get; set; }

    public StaffRole Role { get; set; }

    /// <summary>True for key-account managers (they back each other up for key clients).</summary>
    public bool IsKeyAccountManager { get; set; }

    public Guid? DepartmentId { get; set; }

    public Department? Department { get; set; }

    /// <summary>Who takes over this person's duties while absent (trip, vacation, sickness).</summary>
    public Guid? SubstituteStaffId { get; set; }

    public bool IsActive { get; set; } = true;
}
