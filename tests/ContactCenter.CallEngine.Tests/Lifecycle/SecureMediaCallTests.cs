using ContactCenter.CallEngine.Routing;
using ContactCenter.Contracts.Calls;
using ContactCenter.Sdp;
using ContactCenter.Sdp.OfferAnswer;
using ContactCenter.Sessions;
using ContactCenter.TestKit.Sessions;

namespace ContactCenter.CallEngine.Tests.Lifecycle;

/// <summary>
/// Issue #17: the engine offers and takes SDES-SRTP as the session port says - RTP/SAVP with its keys to an agent that
/// must use SRTP while the caller stays plain RTP, and a plain call from such an agent refused.
/// </summary>
public sealed class SecureMediaCallTests
{
    [Fact]
    public async Task TrunkCall_ToAnAgentThatMustUseSrtp_OfferedRtpSavpWithKeys_CallerAnsweredPlain()
    {
        await using var rig = new CallRig();
        rig.Phones.Register("1001");
        rig.Port.Security = target => target.IsExtension ? SdpSrtpMode.Require : SdpSrtpMode.Off;

        var caller = rig.TrunkCall();
        var agent = rig.Port.WaitForPlaced("1001");

        var offered = Assert.Single(agent.Offer!.Media!.Media);
        Assert.Equal("RTP/SAVP", offered.Protocol);
        Assert.Equal(["AES_CM_128_HMAC_SHA1_80", "AES_CM_128_HMAC_SHA1_32"], SdpCrypto.From(offered).Select(c => c.Suite));
        caller.WaitForCommand("ring+media");
        Assert.All(caller.Commands, c => Assert.DoesNotContain("reject", c, StringComparison.Ordinal));
    }

    [Fact]
    public async Task AgentThatMustUseSrtp_CallsWithAPlainOffer_RefusedMediaRejected()
    {
        await using var rig = new CallRig();

        var caller = rig.Port.Arrive(new LegOffered("1001", "1002", TestSdp.Audio(40_010), "1001")
        {
            DialedIsExtension = true,
            Srtp = SdpSrtpMode.Require,
        });

        caller.WaitForCommand("reject:MediaRejected");
        rig.WaitForNoCalls();
    }

    [Fact]
    public async Task RingAll_OnePhoneMustUseSrtp_TheOtherPlain_EachGetsItsOwnOffer_TheSrtpOneAnswers_CallConnected()
    {
        await using var rig = RingAllSecureAndPlain();

        var caller = rig.TrunkCall();
        var secure = rig.Port.WaitForPlaced("1001");
        var plain = rig.Port.WaitForPlaced("1002");

        var secureOffer = Assert.Single(secure.Offer!.Media!.Media);
        var plainOffer = Assert.Single(plain.Offer!.Media!.Media);
        Assert.Equal(("RTP/SAVP", "RTP/AVP"), (secureOffer.Protocol, plainOffer.Protocol));
        Assert.NotEmpty(SdpCrypto.From(secureOffer));
        Assert.Empty(SdpCrypto.From(plainOffer)); // no keys in clear text to the plain phone
        var ours = SdpCrypto.From(secureOffer)[0];
        secure.PeerAnswers(SrtpAnswer(40_020, ours.Tag, ours.Suite));

        caller.WaitForCommand("answer");
        plain.WaitForCommand("hangup");
        Assert.Equal("1001", rig.Events.WaitFor<CallAnswered>().AgentExtension);
        caller.PeerEnds(LegEndCause.HungUp);
        rig.WaitForNoCalls();
    }

    [Fact]
    public async Task RingAll_OnePhoneMustUseSrtp_ThePlainOneAnswersPlainly_CallConnected()
    {
        await using var rig = RingAllSecureAndPlain();

        var caller = rig.TrunkCall();
        var secure = rig.Port.WaitForPlaced("1001");
        rig.Port.WaitForPlaced("1002").PeerAnswers(TestSdp.Audio(40_030));

        caller.WaitForCommand("answer");
        secure.WaitForCommand("hangup");
        Assert.Equal("1002", rig.Events.WaitFor<CallAnswered>().AgentExtension);
        caller.PeerEnds(LegEndCause.HungUp);
        rig.WaitForNoCalls();
    }

    // A ring-all group of 1001 (must use SRTP) and 1002 (plain RTP), both registered.
    private static CallRig RingAllSecureAndPlain()
    {
        var rig = new CallRig(new RingAll("1001", "1002"));
        rig.Phones.Register("1001");
        rig.Phones.Register("1002");
        rig.Port.Security = target => target.Number == "1001" ? SdpSrtpMode.Require : SdpSrtpMode.Off;
        return rig;
    }

    // An SRTP answer accepting our crypto line <paramref name="tag"/> with a key of the peer's (30 bytes, as the suite wants).
    private static SdpSession SrtpAnswer(int port, int tag, string suite)
    {
        var key = Convert.ToBase64String(Enumerable.Range(1, 30).Select(i => (byte)i).ToArray());
        var text = $"v=0\r\no=peer 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\nm=audio {port} RTP/SAVP 0\r\n"
            + $"a=rtpmap:0 PCMU/8000\r\na=crypto:{tag} {suite} inline:{key}\r\n";
        return SdpParser.TryParse(System.Text.Encoding.ASCII.GetBytes(text), out var session, out var error) ? session! : throw new InvalidOperationException(error.ToString());
    }

    private sealed class RingAll(params string[] targets) : ICallRouter
    {
        public ValueTask<CallRoute> RouteAsync(CallRouteRequest request, CancellationToken cancellationToken) =>
            ValueTask.FromResult(new CallRoute("ring-all", request.Tried.Count == 0 ? targets : [], []) { RingAll = true });
    }
}
