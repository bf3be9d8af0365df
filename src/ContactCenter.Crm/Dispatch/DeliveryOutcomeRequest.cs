namespace ContactCenter.Crm.Dispatch;

/// <summary>How the notification call went: notified, no-answer, rescheduled (with the new date and window) or refused.</summary>
public sealed record DeliveryOutcomeRequest(string? Outcome, string? Notes, DateOnly? NewDate, string? NewWindow);
