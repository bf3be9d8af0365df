namespace ContactCenter.Crm.Clients;

/// <summary>The manager assigned to a client: where to transfer the call.</summary>
public sealed record ManagerDto(string Extension, string FullName);
