namespace ContactCenter.Crm.Model;

/// <summary>
/// Something a member of staff or a whole department should know at once: a new client to assign, a complaint or
/// wish, an accepted order. Addressed to one person (<see cref="StaffId"/>), to a department (<see cref="DepartmentId"/>:
/// its members and its head), or both.
/// </summary>
public sealed class Notification
{
    public Guid Id { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>What happened, e.g. <c>client-to-assign</c>, <c>feedback</c>, <c>order-accepted</c>, <c>client-assigned</c>.</summary>
    public required string Kind { get; set; }

    public required string Text { get; set; }

    /// <summary>The person it is addressed to, if any.</summary>
    public Guid? StaffId { get; set; }

    /// <summary>The department it is addressed to, if any.</summary>
    public Guid? DepartmentId { get; set; }

    /// <summary>What it is about: <c>client</c>, <c>feedback</c>, <c>order</c>.</summary>
    public required string SubjectType { get; set; }

    public Guid SubjectId { get; set; }
}
