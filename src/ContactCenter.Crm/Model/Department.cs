namespace ContactCenter.Crm.Model;

/// <summary>A department of the company (wholesale sales, sales support, finance, ...).</summary>
public sealed class Department
{
    public Guid Id { get; set; }

    /// <summary>Stable short code used by routing rules, e.g. <c>wholesale</c>.</summary>
    public required string Code { get; set; }

    public required string Name { get; set; }

    /// <summary>The head of the department, who receives new callers and escalations.</summary>
    public Guid? HeadStaffId { get; set; }
}
