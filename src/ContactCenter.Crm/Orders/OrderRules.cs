using ContactCenter.Crm.Clients;
using ContactCenter.Crm.Model;

namespace ContactCenter.Crm.Orders;

/// <summary>What an order must carry, per DOMAIN "Taking an order"; errors are keyed by the request field they concern.</summary>
public static class OrderRules
{
    /// <summary>Client type code whose orders also need a form of payment and a pickup time or shipping details.</summary>
    public const string RegionalTypeCode = "regional";

    /// <summary>What the operator is told when no upsell answer of 3 or 4 products is recorded.</summary>
    public const string UpsellMissing = "Offer 3 or 4 more products and record the client's answer before accepting.";

    private const decimal MaxQuantity = 1_000_000m;
    private const int MaxTextLength = 400;
    private const int MaxShippingDetailsLength = 2000;

    /// <summary>Why <paramref name="order"/> cannot be accepted yet; empty when it can.</summary>
    public static Dictionary<string, string[]> AcceptanceErrors(Order order, bool regional, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(order);
        var errors = new Dictionary<string, string[]>();
        if (order.Lines.Count == 0)
        {
            errors["lines"] = ["Add at least one product before accepting."];
        }

        if (order.UpsellOffers.Count is < UpsellPicker.MinOffers or > UpsellPicker.MaxSuggestions)
        {
            errors["upsellOffers"] = [UpsellMissing];
        }

        if (order.DeliveryDate is null)
        {
            errors["deliveryDate"] = ["Agree the delivery date."];
        }
        else if (order.DeliveryDate < today)
        {
            errors["deliveryDate"] = [$"The delivery date {order.DeliveryDate:yyyy-MM-dd} has passed: agree a new one."];
        }

        if (string.IsNullOrWhiteSpace(order.ReceiverName))
        {
            errors["receiverName"] = ["Agree who is authorized to receive the goods."];
        }

        if (regional)
        {
            if (string.IsNullOrWhiteSpace(order.PaymentForm))
            {
                errors["paymentForm"] = ["Regional client: agree the form of payment."];
            }

            if (order.PickupArrivalAt is null && string.IsNullOrWhiteSpace(order.ShippingDetails))
            {
                string[] message = ["Regional client: agree when the client arrives to collect (pickupArrivalAt) or the shipping details (shippingDetails)."];
                errors["pickupArrivalAt"] = message;
                errors["shippingDetails"] = message;
            }
        }

        return errors;
    }

    /// <summary>What is wrong with the agreed delivery terms as given; empty when nothing.</summary>
    public static Dictionary<string, string[]> DeliveryErrors(DeliveryTerms request, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(request);
        var errors = new Dictionary<string, string[]>();
        if (request.DeliveryDate < today)
        {
            errors["deliveryDate"] = [$"The delivery date {request.DeliveryDate:yyyy-MM-dd} is in the past."];
        }

        if (request.PickupArrivalAt is not null && !string.IsNullOrWhiteSpace(request.ShippingDetails))
        {
            errors["shippingDetails"] = ["Give either the pickup time or the shipping details, not both."];
        }

        foreach (var (field, value) in new[]
                 {
                     ("deliveryWindow", request.DeliveryWindow), ("receiverName", request.ReceiverName), ("payerName", request.PayerName),
                     ("signerName", request.SignerName), ("paymentForm", request.PaymentForm),
                 })
        {
            if (value?.Trim().Length > MaxTextLength)
            {
                errors[field] = [$"At most {MaxTextLength} characters."];
            }
        }

        if (request.ShippingDetails?.Trim().Length > MaxShippingDetailsLength)
        {
            errors["shippingDetails"] = [$"At most {MaxShippingDetailsLength} characters."];
        }

        return errors;
    }

    /// <summary>Why <paramref name="quantity"/> is not a quantity one can order, or null when it is.</summary>
    public static string? QuantityError(decimal? quantity) => quantity switch
    {
        null => "Give the quantity.",
        <= 0 => "The quantity must be above zero.",
        > MaxQuantity => $"The quantity must be at most {MaxQuantity:0}.",
        { } q when decimal.Round(q, 3) != q => "The quantity may have at most 3 decimals.",
        _ => null,
    };

    /// <summary>Price times quantity, rounded to cents (half away from zero).</summary>
    public static decimal LineTotal(decimal unitPrice, decimal quantity) =>
        decimal.Round(unitPrice * quantity, 2, MidpointRounding.AwayFromZero);

    /// <summary>Trims <paramref name="value"/>; null when nothing is left.</summary>
    public static string? Clean(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
