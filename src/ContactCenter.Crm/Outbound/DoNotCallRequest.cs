namespace ContactCenter.Crm.Outbound;

/// <summary>Sets or clears a client's do-not-call flag, and why.</summary>
public sealed record DoNotCallRequest(bool? DoNotCall, string? Reason);
