namespace ContactCenter.Crm.Orders;

/// <summary>The draft an operator works on; <paramref name="IsNew"/> is false when the call's open draft was returned again.</summary>
public sealed record OrderDraft(OrderDto Order, bool IsNew);
