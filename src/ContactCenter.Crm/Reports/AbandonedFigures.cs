namespace ContactCenter.Crm.Reports;

/// <summary>Calls abandoned while ringing at one extension, as the report's SQL returns them.</summary>
internal sealed class AbandonedFigures
{
    public string Extension { get; set; } = "";

    public long Abandoned { get; set; }
}
