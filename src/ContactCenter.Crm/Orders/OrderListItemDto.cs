namespace ContactCenter.Crm.Orders;

/// <summary>An order in a list.</summary>
public sealed record OrderListItemDto(Guid Id, long Number, Guid ClientId, string ClientName, string Status,
    DateTimeOffset CreatedAt, DateTimeOffset? AcceptedAt, decimal Total, int LineCount);
