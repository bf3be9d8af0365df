namespace ContactCenter.Crm.Clients;

/// <summary>A client without a manager, as a department head's to-do list shows it.</summary>
internal sealed record UnassignedClientDto(Guid Id, string Name, string Type, IReadOnlyList<string> Phones, int PriceColumn,
    DateTimeOffset CreatedAt, string? Notes);
