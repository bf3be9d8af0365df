namespace ContactCenter.Crm.Orders;

/// <summary>Starts a draft order for a client, usually during a call.</summary>
public sealed record CreateOrderRequest(Guid? ClientId, Guid? CallId);
