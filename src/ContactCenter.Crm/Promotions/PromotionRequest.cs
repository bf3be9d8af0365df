namespace ContactCenter.Crm.Promotions;

/// <summary>
/// A promotion to add (name, period and a discount or a bonus required) or change (only the fields given).
/// <c>products</c> are SKUs (empty: every product), <c>clientTypes</c> client type codes (empty: every type);
/// <c>bonusSku</c> and <c>bonusQuantity</c> name the free item.
/// </summary>
public sealed record PromotionRequest(string? Name, string? Description, DateOnly? StartsOn, DateOnly? EndsOn, decimal? DiscountPercent,
    string? BonusSku, decimal? BonusQuantity, List<string>? Products, List<string>? ClientTypes, bool? IsActive);
