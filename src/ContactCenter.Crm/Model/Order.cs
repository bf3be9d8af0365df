namespace ContactCenter.Crm.Model;

/// <summary>An order taken from a client, usually during a call.</summary>
public sealed class Order
{
    public Guid Id { get; set; }

    /// <summary>Human-readable number, assigned by the database.</summary>
    public long Number { get; set; }

    public Guid ClientId { get; set; }

    public Client? Client { get; set; }

    /// <summary>The call during which the order was taken.</summary>
    public Guid? CallId { get; set; }

    public Guid? TakenByStaffId { get; set; }

    public OrderStatus Status { get; set; } = OrderStatus.Draft;

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset? AcceptedAt { get; set; }

    public DateOnly? DeliveryDate { get; set; }

    /// <summary>Agreed delivery window, e.g. <c>09:00-12:00</c>.</summary>
    public string? DeliveryWindow { get; set; }

    /// <summary>The client's person authorized to receive the goods.</summary>
    public string? ReceiverName { get; set; }

    /// <summary>The client's person authorized to pay, where needed.</summary>
    public string? PayerName { get; set; }

    /// <summary>The client's person authorized to sign documents.</summary>
    public string? SignerName { get; set; }

    /// <summary>Regional clients: the agreed form of payment.</summary>
    public string? PaymentForm { get; set; }

    /// <summary>Regional clients collecting themselves: when they arrive.</summary>
    public DateTimeOffset? PickupArrivalAt { get; set; }

    /// <summary>Regional clients shipped to: carrier and address.</summary>
    public string? ShippingDetails { get; set; }

    public decimal Total { get; set; }

    public List<OrderLine> Lines { get; set; } = [];

    public List<UpsellOffer> UpsellOffers { get; set; } = [];

    /// <summary>Promotions offered during the call and the client's answers.</summary>
    public List<OrderPromotion> Promotions { get; set; } = [];
}
