namespace ContactCenter.Crm.Model;

/// <summary>One rule of the routing policy, as stored; the ACD reads and interprets it.</summary>
public sealed class RoutingRule
{
    public Guid Id { get; set; }

    public required string Name { get; set; }

    /// <summary>Lower runs first.</summary>
    public int Priority { get; set; }

    /// <summary>Condition as JSON (e.g. <c>{"kind":"debt"}</c>).</summary>
    public required string Condition { get; set; }

    /// <summary>Ordered target chain as JSON (e.g. <c>["assigned-manager","department:finance"]</c>).</summary>
    public required string Targets { get; set; }

    public bool IsEnabled { get; set; } = true;

    /// <summary>Rule-set version this row belongs to; every change makes a new version.</summary>
    public int Version { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    public string? UpdatedBy { get; set; }
}
