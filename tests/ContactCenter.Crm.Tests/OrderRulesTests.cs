using ContactCenter.Crm.Model;
using ContactCenter.Crm.Orders;

namespace ContactCenter.Crm.Tests;

public sealed class OrderRulesTests
{
    private static readonly DateOnly Today = new(2026, 11, 26);

    [Theory]
    [InlineData(null, "Give the quantity.")]
    [InlineData("0", "The quantity must be above zero.")]
    [InlineData("-1", "The quantity must be above zero.")]
    [InlineData("1.2345", "The quantity may have at most 3 decimals.")]
    [InlineData("1000001", "The quantity must be at most 1000000.")]
    [InlineData("0.125", null)]
    [InlineData("12", null)]
    public void QuantityError_Table(string? quantity, string? error)
    {
        var result = OrderRules.QuantityError(quantity is null ? null : decimal.Parse(quantity, System.Globalization.CultureInfo.InvariantCulture));

        Assert.Equal(error, result);
    }

    [Fact]
    public void LineTotal_HalfCent_RoundsAwayFromZero()
    {
        var total = OrderRules.LineTotal(58.5m, 0.125m);

        Assert.Equal(7.31m, total);
    }

    [Fact]
    public void DeliveryErrors_PastDateAndBothPickupAndShipping_NamesBoth()
    {
        var errors = OrderRules.DeliveryErrors(
            new DeliveryTerms(Today.AddDays(-1), null, "R", null, null, "cash", DateTimeOffset.UnixEpoch, "carrier"), Today);

        Assert.Equal(["deliveryDate", "shippingDetails"], errors.Keys.Order());
    }

    [Fact]
    public void AcceptanceErrors_RegionalWithEverything_None()
    {
        var order = new Order
        {
            DeliveryDate = Today, ReceiverName = "R", PaymentForm = "cash", PickupArrivalAt = DateTimeOffset.UnixEpoch,
            Lines = [new OrderLine()], UpsellOffers = [new UpsellOffer(), new UpsellOffer(), new UpsellOffer()],
        };

        var errors = OrderRules.AcceptanceErrors(order, regional: true, Today);

        Assert.Empty(errors);
    }

    [Fact]
    public void AcceptanceErrors_FiveOffers_AsksForThreeOrFour()
    {
        var order = new Order
        {
            DeliveryDate = Today, ReceiverName = "R", Lines = [new OrderLine()],
            UpsellOffers = Enumerable.Range(0, 5).Select(_ => new UpsellOffer()).ToList(),
        };

        var errors = OrderRules.AcceptanceErrors(order, regional: false, Today);

        Assert.Equal([OrderRules.UpsellMissing], errors["upsellOffers"]);
    }
}
