namespace ContactCenter.Crm.Clients;

/// <summary>A product to point out to a client, at the client's price.</summary>
public sealed record ProductOfferDto(Guid ProductId, string Sku, string Name, string Unit, bool IsNew, bool Traditional, decimal Price);
