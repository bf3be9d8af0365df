namespace ContactCenter.Crm.Model;

/// <summary>
/// An e-mail to a client (documents chosen during a call, an order confirmation), kept until the SMTP server took it:
/// queued, retried with growing pauses, and marked failed (the operator told) only after the last attempt.
/// </summary>
public sealed class OutgoingEmail
{
    public Guid Id { get; set; }

    public Guid ClientId { get; set; }

    /// <summary>The call during which it was asked for.</summary>
    public Guid? CallId { get; set; }

    /// <summary>The order it confirms, if any.</summary>
    public Guid? OrderId { get; set; }

    public required string To { get; set; }

    public required string Subject { get; set; }

    public required string Body { get; set; }

    /// <summary>The reference documents attached.</summary>
    public List<Guid> DocumentIds { get; set; } = [];

    public OutgoingEmailStatus Status { get; set; } = OutgoingEmailStatus.Queued;

    public int Attempts { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset NextAttemptAt { get; set; }

    public DateTimeOffset? SentAt { get; set; }

    /// <summary>Why the last attempt failed (the SMTP server's answer or the network error), without credentials.</summary>
    public string? LastError { get; set; }

    /// <summary>The user who asked for it; told when it finally fails.</summary>
    public required string RequestedBy { get; set; }
}
