namespace ContactCenter.Crm.Reports;

/// <summary>Complaints and wishes by who recorded them and where they went, as the report's SQL returns them.</summary>
internal sealed class FeedbackFigures
{
    public Guid? StaffId { get; set; }

    public Guid? DepartmentId { get; set; }

    public long Complaints { get; set; }

    public long Justified { get; set; }

    public long Wishes { get; set; }
}
