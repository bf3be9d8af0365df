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
}
