using System.Net;
using ContactCenter.Sdp.OfferAnswer;

namespace ContactCenter.Sdp.Tests.OfferAnswer;

public sealed class SdpOriginTrackerTests
{
    private static readonly SdpLocalCapabilities Local = new(IPAddress.Parse("10.9.8.7"), 30000, [SdpCodec.Pcmu]);

    [Fact]
    public void Stamp_ChangedDescription_IncrementsVersionByOne()
    {
        var origin = new SdpOriginTracker(IPAddress.Parse("10.9.8.7"), "900", 4);
        SdpSession first = SdpOfferAnswer.CreateOffer(Local, origin);

        SdpSession hold = SdpOfferAnswer.CreateOffer(Local with { Direction = SdpDirection.SendOnly }, origin);

        Assert.Equal(4UL, first.Origin.SessionVersion);
        Assert.Equal(5UL, hold.Origin.SessionVersion);
        Assert.Equal(first.Origin with { SessionVersion = 5 }, hold.Origin);
    }

    [Fact]
    public void Stamp_UnchangedDescription_KeepsVersion()
    {
        var origin = new SdpOriginTracker(IPAddress.Parse("10.9.8.7"), "900", 4);
        SdpSession first = SdpOfferAnswer.CreateOffer(Local, origin);

        SdpSession again = SdpOfferAnswer.CreateOffer(Local, origin);

        Assert.Equal(first, again);
        Assert.Equal(4UL, origin.Current.SessionVersion);
    }

    [Fact]
    public void Stamp_HoldThenResume_CountsEachChange()
    {
        var origin = new SdpOriginTracker(IPAddress.IPv6Loopback, SdpOrigin.NewSessionId(), 0);
        SdpOfferAnswer.CreateOffer(Local, origin);
        SdpOfferAnswer.CreateOffer(Local with { Direction = SdpDirection.SendOnly }, origin);

        SdpSession resumed = SdpOfferAnswer.CreateOffer(Local, origin);

        Assert.Equal(2UL, resumed.Origin.SessionVersion);
        Assert.Equal("IP6", resumed.Origin.AddressType);
    }

    [Fact]
    public void NewSessionId_IsNumeric()
    {
        string id = SdpOrigin.NewSessionId();

        Assert.True(ulong.TryParse(id, out _));
    }
}
