using ContactCenter.Crm.Documents;
using ContactCenter.Crm.Promotions;

namespace ContactCenter.Crm.Clients;

/// <summary>Everything an operator needs on screen while a client is on the line.</summary>
public sealed record ClientCardDto(
    Guid Id,
    string Name,
    string TypeCode,
    string TypeName,
    ManagerDto? Manager,
    IReadOnlyList<string> Phones,
    int PriceColumn,
    string? PriceColumnName,
    string Status,
    bool DoNotCall,
    DebtDto Debt,
    IReadOnlyList<OrderSummaryDto> LastOrders,
    IReadOnlyList<ProductOfferDto> TraditionalProducts,
    IReadOnlyList<ProductOfferDto> NewProducts,
    IReadOnlyList<ProductOfferDto> UpsellSuggestions,
    IReadOnlyList<PromotionDto> Promotions,
    IReadOnlyList<EmailDto> RecentEmails);
