namespace ContactCenter.Crm.Dispatch;

/// <summary>A delivery as the dispatcher sees it, with the outcome of its notification.</summary>
public sealed record DeliveryDto(Guid Id, Guid? OrderId, long? OrderNumber, Guid? ClientId, string ConsigneeName, IReadOnlyList<string> Phones,
    DateOnly PlannedDate, string Window, string Status, int Attempts, DateTimeOffset? LastAttemptAt, Guid? LastCallId, string? OutcomeNotes,
    DateTimeOffset? OutcomeAt, string? OutcomeBy);
