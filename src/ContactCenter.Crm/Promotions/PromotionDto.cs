namespace ContactCenter.Crm.Promotions;

/// <summary>A promotion as the console and the client card show it; <c>InForce</c>: active and today within its period.</summary>
public sealed record PromotionDto(Guid Id, string Name, string? Description, DateOnly StartsOn, DateOnly EndsOn, decimal? DiscountPercent,
    string? BonusSku, string? BonusName, decimal? BonusQuantity, IReadOnlyList<string> Products, IReadOnlyList<string> ClientTypes,
    bool IsActive, bool InForce);
