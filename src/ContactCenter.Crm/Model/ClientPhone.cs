namespace ContactCenter.Crm.Model;

/// <summary>One phone number of a client, stored normalized to E.164.</summary>
public sealed class ClientPhone
{
    public Guid Id { get; set; }

    public Guid ClientId { get; set; }

    /// <summary>E.164 form, e.g. <c>+74951000001</c>; unique across clients.</summary>
    public required string E164 { get; set; }

    public string? Label { get; set; }
}
