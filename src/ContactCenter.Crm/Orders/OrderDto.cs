using ContactCenter.Crm.Promotions;

namespace ContactCenter.Crm.Orders;

/// <summary>An order as the API shows it.</summary>
public sealed record OrderDto(
    Guid Id,
    long Number,
    Guid ClientId,
    string ClientName,
    Guid? CallId,
    string Status,
    DateTimeOffset CreatedAt,
    DateTimeOffset? AcceptedAt,
    DeliveryTerms Delivery,
    decimal Total,
    IReadOnlyList<OrderLineDto> Lines,
    IReadOnlyList<UpsellOfferDto> UpsellOffers,
    IReadOnlyList<OrderPromotionDto> Promotions);
