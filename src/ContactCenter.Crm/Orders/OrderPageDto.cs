namespace ContactCenter.Crm.Orders;

/// <summary>One page of orders, newest first.</summary>
public sealed record OrderPageDto(IReadOnlyList<OrderListItemDto> Items, int Page, int PageSize, int TotalCount);
