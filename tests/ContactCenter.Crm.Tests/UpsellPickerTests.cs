using ContactCenter.Crm.Orders;

namespace ContactCenter.Crm.Tests;

public sealed class UpsellPickerTests
{
    private static readonly Guid[] Ids = Enumerable.Range(1, 12).Select(i => new Guid(i, 0, 0, new byte[8])).ToArray();

    [Fact]
    public void Pick_NewAndTraditional_TakesThemInTurnUpToFour()
    {
        var picked = UpsellPicker.Pick([Ids[0], Ids[1], Ids[2]], [Ids[3], Ids[4], Ids[5]], [Ids[6]], [Ids[7]], new HashSet<Guid>(), _ => true);

        Assert.Equal([Ids[0], Ids[3], Ids[1], Ids[4]], picked);
    }

    [Fact]
    public void Pick_AlreadyOrderedOrUnpriced_LeftOutAndFilledFromBestSellers()
    {
        var picked = UpsellPicker.Pick([Ids[0], Ids[1]], [Ids[2]], [Ids[2], Ids[5], Ids[6]], [Ids[7]],
            new HashSet<Guid> { Ids[0], Ids[2] }, id => id != Ids[5]);

        Assert.Equal([Ids[1], Ids[6], Ids[7]], picked);
    }

    [Fact]
    public void Pick_SmallCatalog_ReturnsWhatThereIsOnce()
    {
        var picked = UpsellPicker.Pick([Ids[0]], [Ids[0]], [Ids[0]], [Ids[0], Ids[1]], new HashSet<Guid>(), _ => true);

        Assert.Equal([Ids[0], Ids[1]], picked);
    }
}
