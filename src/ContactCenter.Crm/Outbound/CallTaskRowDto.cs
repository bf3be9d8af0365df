namespace ContactCenter.Crm.Outbound;

/// <summary>One task of a list in the head's progress view.</summary>
public sealed record CallTaskRowDto(Guid TaskId, int Position, Guid? ClientId, string? Client, string Phone, string Status, string? Result,
    int Attempts, string? Operator, DateTimeOffset? LastAttemptAt, DateTimeOffset? NextAttemptAt, string? Notes);
