namespace ContactCenter.Crm.Model;

/// <summary>A product offered beyond those ordered, and whether the client took it.</summary>
public sealed class UpsellOffer
{
    public Guid Id { get; set; }

    public Guid OrderId { get; set; }

    public Guid ProductId { get; set; }

    public bool Accepted { get; set; }
}
