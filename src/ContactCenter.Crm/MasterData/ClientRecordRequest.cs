namespace ContactCenter.Crm.MasterData;

/// <summary>
/// A client as the admin console and imports give it. On create every field the client needs is required (name, type,
/// at least one phone); on update a null field keeps what is stored, an empty list clears phones or receivers.
/// </summary>
/// <param name="Name">The company's name, 1 to 200 characters.</param>
/// <param name="Type">A client type code (<c>GET /api/client-types</c>).</param>
/// <param name="Phones">Phone numbers in any format; normalized to E.164, each owned by one client only.</param>
/// <param name="Manager">The assigned manager's extension, or empty to remove the manager.</param>
/// <param name="PriceColumn">The price-list column (discount level) of the price list in force.</param>
/// <param name="CreditLimit">The credit limit, 0 or more.</param>
/// <param name="Status"><c>active</c> or <c>sleeping</c>.</param>
/// <param name="DoNotCall">The client asked not to be called.</param>
/// <param name="Receivers">The people authorized to receive goods.</param>
/// <param name="Email">Where documents go.</param>
/// <param name="Notes">Free text for the desk.</param>
/// <param name="ExternalId">The client's id in the accounting system, unique.</param>
public sealed record ClientRecordRequest(string? Name, string? Type, List<string>? Phones, string? Manager, int? PriceColumn,
    decimal? CreditLimit, string? Status, bool? DoNotCall, List<string>? Receivers, string? Email, string? Notes, string? ExternalId);

/// <summary>A client's master data as the admin console shows it.</summary>
public sealed record ClientRecordDto(Guid Id, string Name, string Type, IReadOnlyList<string> Phones, string? Manager, int PriceColumn,
    decimal CreditLimit, string Status, bool DoNotCall, IReadOnlyList<string> Receivers, string? Email, string? Notes, string? ExternalId);
