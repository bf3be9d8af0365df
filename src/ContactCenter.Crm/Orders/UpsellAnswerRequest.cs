namespace ContactCenter.Crm.Orders;

/// <summary>One offered product; when accepted it is added to the order with <see cref="Quantity"/> (default 1).</summary>
public sealed record UpsellAnswerRequest(Guid? ProductId, bool? Accepted, decimal? Quantity);
