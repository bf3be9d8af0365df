namespace ContactCenter.Crm.Model;

/// <summary>Where an <see cref="OutgoingEmail"/> is.</summary>
public enum OutgoingEmailStatus
{
    /// <summary>Waiting for its (next) attempt.</summary>
    Queued,

    /// <summary>The SMTP server accepted it.</summary>
    Sent,

    /// <summary>Every attempt failed, or the server refused it for good; the requester was told.</summary>
    Failed,
}
