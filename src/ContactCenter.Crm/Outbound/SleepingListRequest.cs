namespace ContactCenter.Crm.Outbound;

/// <summary>Builds a call list of sleeping clients (no order for <paramref name="Days"/>, default <c>Crm:SleepingAfterDays</c>).</summary>
public sealed record SleepingListRequest(List<string>? Operators, string? Name, DateOnly? DueDate, string? Instructions, int? Days, int? MaxAttempts);
