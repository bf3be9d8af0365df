namespace ContactCenter.Crm.Model;

/// <summary>
/// One saved version of the routing policy, as the ACD's JSON document (rules, queues, hours). Every change is a
/// new row; the newest is in force. The CRM keeps it opaque: the ACD validates and interprets it.
/// </summary>
public sealed class RoutingPolicyVersion
{
    /// <summary>1, 2, 3, ... in order of saving.</summary>
    public int Version { get; set; }

    /// <summary>The policy document (JSON).</summary>
    public required string Document { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>The admin who saved it (or <c>system</c> for the first load from sip-config).</summary>
    public required string CreatedBy { get; set; }

    public string? Comment { get; set; }
}
