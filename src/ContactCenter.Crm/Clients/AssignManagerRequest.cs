namespace ContactCenter.Crm.Clients;

/// <summary>
/// A department head's assignment: the manager's extension, and optionally the client's type (required while the
/// client is still of type <c>new</c>) and price-list column; the head completes a new caller's record with its name and
/// numbers (both optional: absent keeps what is there; numbers given replace the client's).
/// </summary>
internal sealed record AssignManagerRequest(string? Manager, string? Type, int? PriceColumn, string? Name = null, List<string>? Phones = null);
