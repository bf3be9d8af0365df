namespace ContactCenter.Crm.Reports;

/// <summary>Accepted-order sums of one member of staff (null: orders nobody is recorded as taking), as the report's SQL returns them.</summary>
internal sealed class OrderFigures
{
    public Guid? StaffId { get; set; }

    public long Orders { get; set; }

    public long Lines { get; set; }

    public decimal Value { get; set; }

    public long Offered { get; set; }

    public long OffersAccepted { get; set; }

    public long PromotionsOffered { get; set; }

    public long PromotionsAccepted { get; set; }
}
