namespace ContactCenter.Crm.Promotions;

/// <summary>A promotion offered on an order, and whether the client took it.</summary>
public sealed record OrderPromotionDto(Guid PromotionId, string Name, bool Accepted);
