namespace ContactCenter.Crm.Dispatch;

/// <summary>A notification call placed for a delivery: the dispatcher's phone rings first, then the consignee's.</summary>
public sealed record DeliveryCallDto(Guid DeliveryId, Guid CallId, string Agent, string Phone, int Attempt);
