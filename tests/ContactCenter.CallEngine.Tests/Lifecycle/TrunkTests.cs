using ContactCenter.CallEngine.Calls;
using ContactCenter.CallEngine.Dialing;
using ContactCenter.Contracts.Calls;
using ContactCenter.Sdp;
using ContactCenter.Sdp.OfferAnswer;
using ContactCenter.Sessions;
using ContactCenter.TestKit.Sessions;

namespace ContactCenter.CallEngine.Tests.Lifecycle;

/// <summary>
/// Issue #17 in the engine, over the fake session port: an outbound call goes out through the trunks the plan names in
/// order, the next one tried when a trunk fails (5xx, 408, silence) but not when the number answers busy; a carrier's
/// call to one of its numbers (DID) reaches the service number or extension the number maps to; an unknown one is refused.
/// </summary>
public sealed class TrunkTests
{
    private const string Client = "+74951234567";

    [Fact]
    public async Task ClickToCall_FirstTrunkFails_SecondCarriesIt_WithItsCallerId_RecordNamesIt()
    {
        await using var rig = new CallRig(new Plan());
        var placed = ClickToCallAgentAnswered(rig);

        var first = rig.Port.WaitForPlaced(Client);
        Assert.Equal(("a", "+74950000001"), (first.Offer!.Target.Trunk, first.Offer.CallerNumber));
        first.PeerEnds(LegEndCause.Unavailable, "unreachable", routeFailed: true);
        var second = rig.Port.WaitForPlaced(Client, index: 1);
        Assert.Equal(("b", "+74950000002"), (second.Offer!.Target.Trunk, second.Offer.CallerNumber));
        second.PeerAnswers(TestSdp.Audio(40_070));

        Assert.Equal(OriginateOutcome.Connected, await placed.Outcome!.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.Equal("b", rig.Events.WaitFor<CallAnswered>().Trunk);
        Assert.Contains("trunk a; trying trunk b", rig.Events.WaitFor<CallOfferFailed>().Reason, StringComparison.Ordinal);
        second.PeerEnds(LegEndCause.HungUp);
        rig.WaitForNoCalls();
    }

    [Fact]
    public async Task ClickToCall_NumberBusy_IsFinal_NoOtherTrunkTried()
    {
        await using var rig = new CallRig(new Plan());
        var placed = ClickToCallAgentAnswered(rig);

        rig.Port.WaitForPlaced(Client).PeerEnds(LegEndCause.Busy, "busy");

        await placed.Outcome!.WaitAsync(TimeSpan.FromSeconds(10));
        rig.WaitForNoCalls();
        Assert.Single(rig.Port.Placed, l => l.Offer!.Target.Number == Client);
        Assert.Empty(rig.Events.Of<CallAnswered>());
    }

    [Fact]
    public async Task ClickToCall_EveryTrunkFails_CallEndsWithTheLastReason()
    {
        await using var rig = new CallRig(new Plan());
        var placed = ClickToCallAgentAnswered(rig);

        rig.Port.WaitForPlaced(Client).PeerEnds(LegEndCause.Unavailable, "unreachable", routeFailed: true);
        rig.Port.WaitForPlaced(Client, index: 1).PeerEnds(LegEndCause.Unavailable, "rejected (500)", routeFailed: true);

        await placed.Outcome!.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal($"{Client}: rejected (500) (trunk b)", rig.Events.WaitFor<CallEnded>().Reason);
        rig.WaitForNoCalls();
    }

    [Fact]
    public async Task NumberNoTrunkCarries_Refused()
    {
        await using var rig = new CallRig(new Plan());
        rig.Phones.Register("1001");

        var placed = rig.Manager.Originate("1001", "+4930123456", "click-to-call");

        Assert.NotNull(placed.Refusal);
        Assert.Empty(rig.Port.Placed);
    }

    [Fact]
    public async Task CarrierCallsDid_MappedToServiceNumber_RoutedThere_RecordKeepsTrunkAndDid()
    {
        await using var rig = new CallRig(new Plan());
        rig.Phones.Register("1001");

        var caller = rig.Port.Arrive(new LegOffered("+4930123456", "74951234500", TestSdp.Audio(40_000), null) { Trunk = "a" });
        rig.Port.WaitForPlaced("1001").PeerAnswers(TestSdp.Audio(40_020));

        caller.WaitForCommand("answer");
        var received = rig.Events.WaitFor<CallReceived>();
        Assert.Equal((CallRig.ServiceNumber, "a", "74951234500"), (received.DialedNumber, received.Trunk, received.Did));
        caller.PeerEnds(LegEndCause.HungUp);
        rig.WaitForNoCalls();
    }

    [Fact]
    public async Task CarrierDeliversToOurContact_DidInTo_MappedToExtension_RingsItDirectly()
    {
        await using var rig = new CallRig(new Plan(), "1001");
        rig.Phones.Register("1002");

        var caller = rig.Port.Arrive(new LegOffered("+4930123456", "cc-account", TestSdp.Audio(40_000), null) { Trunk = "a", ToNumber = "74951234501" });
        rig.Port.WaitForPlaced("1002").PeerAnswers(TestSdp.Audio(40_020));

        caller.WaitForCommand("answer");
        Assert.Equal("1002", rig.Events.WaitFor<CallAnswered>().AgentExtension);
        // The routing trace names the number and the trunk, not an agent's dialling.
        var classified = rig.Events.WaitFor<CallClassified>();
        Assert.Equal("did-extension", classified.RuleName);
        Assert.Contains("number 74951234501 of trunk a", classified.RoutingTrace, StringComparison.Ordinal);
        Assert.DoesNotContain("dialled by an agent", classified.RoutingTrace, StringComparison.Ordinal);
        caller.PeerEnds(LegEndCause.HungUp);
        rig.WaitForNoCalls();
    }

    [Theory]
    [InlineData("a", "74959999999")] // not one of the trunk's numbers
    [InlineData("b", "74951234500")] // another trunk's number
    [InlineData(null, "74951234500")] // no trunk named (the configured trunk has no numbers)
    public async Task CarrierCallsUnknownNumber_NotFound(string? trunk, string dialed)
    {
        await using var rig = new CallRig(new Plan());

        var caller = rig.Port.Arrive(new LegOffered("+4930123456", dialed, TestSdp.Audio(40_000), null) { Trunk = trunk });

        caller.WaitForCommand("reject:NotFound");
        Assert.Empty(rig.Port.Placed);
    }

    [Fact]
    public async Task ClickToCall_EachTrunkOfferedItsOwnCodecs_InItsOrder()
    {
        await using var rig = new CallRig(new Plan());
        rig.Port.Codecs = t => t.Trunk == "a" ? [LegCodecs.Pcma, LegCodecs.TelephoneEvent] : [];
        var placed = ClickToCallAgentAnswered(rig);

        var first = rig.Port.WaitForPlaced(Client);
        first.PeerEnds(LegEndCause.Unavailable, "unreachable", routeFailed: true);
        var second = rig.Port.WaitForPlaced(Client, index: 1);
        second.PeerAnswers(TestSdp.Audio(40_070));

        Assert.Equal(OriginateOutcome.Connected, await placed.Outcome!.WaitAsync(TimeSpan.FromSeconds(10)));
        // Trunk a takes A-law and DTMF events only; trunk b the default, the agent's law (PCMU) first.
        Assert.Equal(["8", "101"], first.Offer!.Media!.Media[0].Formats);
        Assert.Equal(["0", "8", "101"], second.Offer!.Media!.Media[0].Formats);
        second.PeerEnds(LegEndCause.HungUp);
        rig.WaitForNoCalls();
    }

    [Fact]
    public async Task CarrierOffersCodecsTheTrunkAllows_AnsweredWithTheTrunksFirst_OnlyExcludedOnes_Refused488()
    {
        await using var rig = new CallRig(new Plan());
        rig.Phones.Register("1001");
        IReadOnlyList<string> codecs = [LegCodecs.Pcma, LegCodecs.Pcmu];

        var excluded = rig.Port.Arrive(new LegOffered("+4930123456", "74951234500", TestSdp.Audio(40_000, formats: "18 101"), null) { Trunk = "a", Codecs = [LegCodecs.Pcma] });
        var caller = rig.Port.Arrive(new LegOffered("+4930123456", "74951234500", TestSdp.Audio(40_010, formats: "0 8 101"), null) { Trunk = "a", Codecs = codecs });
        rig.Port.WaitForPlaced("1001").PeerAnswers(TestSdp.Audio(40_020));

        excluded.WaitForCommand("reject:MediaRejected");
        caller.WaitForCommand("answer");
        // The trunk's first choice (A-law) rather than the carrier's (mu-law), and no telephone-event: it is not in the list.
        Assert.Equal(["8"], caller.AnsweredWith!.Media[0].Formats);
        caller.PeerEnds(LegEndCause.HungUp);
        rig.WaitForNoCalls();
    }

    [Fact]
    public async Task TrunkThatRequiresSrtp_PlainRtpOffer_Refused488_OurOfferToIt_RtpSavpWithKeys()
    {
        await using var rig = new CallRig(new Plan());
        rig.Port.Security = t => t.Trunk == "a" ? SdpSrtpMode.Require : SdpSrtpMode.Off;
        var placed = ClickToCallAgentAnswered(rig);

        var plain = rig.Port.Arrive(new LegOffered("+4930123456", "74951234500", TestSdp.Audio(40_000), null) { Trunk = "a", Srtp = SdpSrtpMode.Require });
        var outbound = rig.Port.WaitForPlaced(Client);
        var offer = outbound.Offer!.Media!.Media[0];

        plain.WaitForCommand("reject:MediaRejected");
        Assert.Equal("RTP/SAVP", offer.Protocol);
        Assert.NotEmpty(SdpCrypto.From(offer));
        outbound.PeerEnds(LegEndCause.Busy, "busy");
        await placed.Outcome!.WaitAsync(TimeSpan.FromSeconds(10));
        rig.WaitForNoCalls();
    }

    // Operator 1001 places a call to the client and answers its own phone: the engine then dials out.
    private static OriginateResult ClickToCallAgentAnswered(CallRig rig)
    {
        rig.Phones.Register("1001");
        var placed = rig.Manager.Originate("1001", Client, "click-to-call");
        rig.Port.WaitForPlaced("1001").PeerAnswers(TestSdp.Audio(40_060));
        return placed;
    }

    private sealed class Plan : ITrunkPlan
    {
        public IReadOnlyList<TrunkChoice> Choose(string e164) =>
            e164.StartsWith("+7", StringComparison.Ordinal) ? [new TrunkChoice("a", "+74950000001"), new TrunkChoice("b", "+74950000002")] : [];

        public string? InboundTarget(string trunk, string dialed) => (trunk, dialed) switch
        {
            ("a", "74951234500") => CallRig.ServiceNumber,
            ("a", "74951234501") => "1002",
            _ => null,
        };
    }
}
