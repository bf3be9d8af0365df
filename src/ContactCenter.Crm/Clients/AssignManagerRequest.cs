namespace ContactCenter.Crm.Clients;

/// <summary>
/// A department head's assignment: the manager's extension, and optionally the client's type (required while the
/// client is still of type <c>new</c>) and price-list column.
/// </summary>
internal sealed record AssignManagerRequest(string? Manager, string? Type, int? PriceColumn);
