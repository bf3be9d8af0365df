namespace ContactCenter.Crm.Model;

/// <summary>A promotion offered on an order during the call, and whether the client took it.</summary>
public sealed class OrderPromotion
{
    public Guid Id { get; set; }

    public Guid OrderId { get; set; }

    public Guid PromotionId { get; set; }

    public Promotion? Promotion { get; set; }

    public bool Accepted { get; set; }
}
