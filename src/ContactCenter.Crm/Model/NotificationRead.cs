namespace ContactCenter.Crm.Model;

/// <summary>A user has read a notification (each member of a department reads a department's notification for themselves).</summary>
public sealed class NotificationRead
{
    public Guid NotificationId { get; set; }

    public Guid UserId { get; set; }

    public DateTimeOffset ReadAt { get; set; }
}
