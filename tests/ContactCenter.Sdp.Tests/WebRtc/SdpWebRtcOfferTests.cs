using System.Net;
using ContactCenter.Sdp.OfferAnswer;
using ContactCenter.Sdp.WebRtc;

namespace ContactCenter.Sdp.Tests.WebRtc;

/// <summary>Our offer to a browser, and Chromium's real answer to it (Data/chromium-webrtc-answer.sdp, captured by the Web tests).</summary>
public sealed class SdpWebRtcOfferTests
{
    private static readonly SdpWebRtcLocal Local =
        new(IPAddress.Loopback, 40_000, "lite", "0123456789abcdefghijklmn", SdpFingerprint.Sha256Of([1, 2, 3]));

    [Fact]
    public void Create_IceLiteActPassMuxBundleAndOurCodecsInOrder()
    {
        var offer = SdpWebRtcOffer.Create(Local, new SdpOriginTracker(IPAddress.Loopback, "1", 1));

        var text = SdpWriter.Format(offer);
        Assert.Contains("m=audio 40000 UDP/TLS/RTP/SAVPF 111 0 8 126 101\r\n", text, StringComparison.Ordinal);
        Assert.Contains("a=ice-lite\r\n", text, StringComparison.Ordinal);
        Assert.Contains("a=group:BUNDLE 0\r\n", text, StringComparison.Ordinal);
        Assert.Contains("a=setup:actpass\r\n", text, StringComparison.Ordinal);
        Assert.Contains("a=rtpmap:126 telephone-event/48000\r\n", text, StringComparison.Ordinal);
        var reread = SdpParser.Parse(text);
        Assert.True(SdpWebRtcTransport.TryRead(reread, reread.Media[0], out var transport));
        Assert.Equal(("lite", SdpSetupRole.ActPass, "0", true), (transport.IceUfrag, transport.Setup, transport.Mid, transport.RtcpMux));
    }

    [Fact]
    public void ProcessAnswer_ChromiumsAnswer_OpusWithItsDtlsClientRoleAndFingerprint()
    {
        var offer = SdpWebRtcOffer.Create(Local, new SdpOriginTracker(IPAddress.Loopback, "1", 1));

        var result = SdpWebRtcOffer.ProcessAnswer(offer, SdpTestData.Parse("chromium-webrtc-answer.sdp"), Local);

        Assert.True(result.IsAccepted);
        Assert.Null(result.Answer);
        Assert.Equal(("opus", 111), (result.Audio!.Codec.Name, result.Audio.Codec.PayloadType));
        Assert.Equal(126, result.Audio.TelephoneEvent!.PayloadType);
        Assert.Equal(SdpSetupRole.Active, result.Remote!.Setup);
        Assert.StartsWith("C6:06:40:AE", result.Remote.Fingerprint.Value, StringComparison.Ordinal);
        Assert.Equal("fh/O", result.Remote.IceUfrag);
    }

    [Theory]
    [InlineData("a=setup:active", "a=setup:passive", SdpAnswerStatus.InvalidAnswer)] // it wants us to be the DTLS client
    [InlineData("a=rtcp-mux\r\n", "", SdpAnswerStatus.InvalidAnswer)]
    [InlineData("m=audio 9 ", "m=audio 0 ", SdpAnswerStatus.InvalidAnswer)]             // stream refused
    [InlineData(" 111 0 8 126 101", " 126 101", SdpAnswerStatus.NoCommonCodec)]       // events only
    public void ProcessAnswer_AnswerWeCannotUse_NotAccepted(string find, string replace, SdpAnswerStatus expected)
    {
        var offer = SdpWebRtcOffer.Create(Local, new SdpOriginTracker(IPAddress.Loopback, "1", 1));
        var text = System.Text.Encoding.UTF8.GetString(SdpTestData.Bytes("chromium-webrtc-answer.sdp")).Replace(find, replace, StringComparison.Ordinal);

        var result = SdpWebRtcOffer.ProcessAnswer(offer, SdpParser.Parse(text), Local);

        Assert.Equal(expected, result.Status);
    }
}
