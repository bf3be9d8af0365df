using ContactCenter.Crm.Orders;

namespace ContactCenter.Crm.Clients;

/// <summary>A past order on the client card.</summary>
public sealed record OrderSummaryDto(Guid Id, long Number, DateTimeOffset Date, string Status, decimal Total, IReadOnlyList<OrderLineDto> Lines);
