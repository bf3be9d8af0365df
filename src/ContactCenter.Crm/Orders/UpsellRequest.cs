namespace ContactCenter.Crm.Orders;

/// <summary>The 3 or 4 products offered beyond those ordered, and the client's answer to each.</summary>
public sealed record UpsellRequest(IReadOnlyList<UpsellAnswerRequest>? Offers);
