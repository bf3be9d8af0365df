namespace ContactCenter.Crm.Orders;

/// <summary>
/// What was agreed about delivery (the body of <c>PUT /api/orders/{id}/delivery</c> and part of every order) (DOMAIN: delivery time, the client's people authorized to receive, pay and sign;
/// regional clients also the form of payment and either the pickup time or the shipping details).
/// </summary>
public sealed record DeliveryTerms(
    DateOnly? DeliveryDate,
    string? DeliveryWindow,
    string? ReceiverName,
    string? PayerName,
    string? SignerName,
    string? PaymentForm,
    DateTimeOffset? PickupArrivalAt,
    string? ShippingDetails);
