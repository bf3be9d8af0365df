namespace ContactCenter.Crm.MasterData;

/// <summary>
/// A receivable as an import file gives it: the invoice's external id (the key), the client's external id, invoice
/// number, amount still owed, due date, paid.
/// </summary>
public sealed record ReceivableImportRequest(string? ExternalId, string? Client, string? DocumentNumber, decimal? Outstanding, DateOnly? DueDate,
    bool? Paid);
