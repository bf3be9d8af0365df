namespace ContactCenter.Crm.Documents;

/// <summary>
/// Documents (reference document ids) and/or an order confirmation to e-mail to a client, usually during a call;
/// <c>to</c> defaults to the client's e-mail address; <c>note</c> is a line from the operator.
/// </summary>
public sealed record EmailRequest(Guid? ClientId, Guid? CallId, Guid? OrderId, IReadOnlyList<Guid>? DocumentIds, string? To, string? Note);

/// <summary>An e-mail to a client as the desk shows it: queued (with its next attempt), sent, or failed (with the last error).</summary>
public sealed record EmailDto(Guid Id, Guid ClientId, Guid? CallId, Guid? OrderId, string To, string Subject, IReadOnlyList<string> Documents,
    string Status, int Attempts, DateTimeOffset CreatedAt, DateTimeOffset? SentAt, DateTimeOffset? NextAttemptAt, string? LastError, string RequestedBy);
