namespace ContactCenter.Crm.Dispatch;

/// <summary>A delivery to notify: the order (optional), the consignee, their numbers, and the planned arrival.</summary>
/// <param name="OrderId">The order delivered, when known.</param>
/// <param name="ConsigneeName">Who receives the goods.</param>
/// <param name="Phones">The consignee's numbers, the first tried first.</param>
/// <param name="PlannedDate">The planned arrival date.</param>
/// <param name="Window">The planned arrival window, <c>HH:mm-HH:mm</c>.</param>
public sealed record CreateDeliveryRequest(Guid? OrderId, string? ConsigneeName, List<string>? Phones, DateOnly? PlannedDate, string? Window);
