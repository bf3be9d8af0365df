namespace ContactCenter.Crm.Model;

/// <summary>A kind of client (key, retail, own outlet, regional, indicator, new, ...): data, not code.</summary>
public sealed class ClientType
{
    public Guid Id { get; set; }

    /// <summary>Stable code used by routing rules, e.g. <c>key</c>.</summary>
    public required string Code { get; set; }

    public required string Name { get; set; }
}
