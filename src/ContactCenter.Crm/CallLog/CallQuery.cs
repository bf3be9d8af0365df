namespace ContactCenter.Crm.CallLog;

/// <summary>
/// Which calls to list. <see cref="From"/>/<see cref="To"/> bound the time the call came in (From inclusive, To
/// exclusive); <see cref="Participant"/>, when set, limits the list to calls that extension answered or calls of
/// clients assigned to it (what an operator or a manager may see).
/// </summary>
internal sealed record CallQuery(
    DateTimeOffset? From = null,
    DateTimeOffset? To = null,
    string? Agent = null,
    Guid? ClientId = null,
    string? Outcome = null,
    string? Direction = null,
    string? NumberE164 = null,
    string? Participant = null);
