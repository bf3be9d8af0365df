using System.Net;
using ContactCenter.Sdp.OfferAnswer;

namespace ContactCenter.Sdp.Tests.OfferAnswer;

public sealed class SdpOfferAnswerTests
{
    private static readonly IPAddress Local = IPAddress.Parse("10.9.8.7");

    private static SdpLocalCapabilities Capabilities(SdpDirection direction = SdpDirection.SendRecv) =>
        new(Local, 30000, [SdpCodec.Pcmu, SdpCodec.Pcma, SdpCodec.TelephoneEvent(101)]) { Direction = direction };

    private static SdpAnswerResult ProcessAnswerToOurOffer(SdpSession answer) =>
        SdpOfferAnswer.ProcessAnswer(SdpOfferAnswer.CreateOffer(Capabilities(), Origin()), answer, Capabilities());

    private static SdpOriginTracker Origin() => new(Local, "555", 1);

    private static SdpSession Offer(string mediaLines, string connection = "10.0.0.2") => SdpParser.Parse(
        $"v=0\r\no=peer 1 1 IN IP4 10.0.0.2\r\ns=-\r\nc=IN IP4 {connection}\r\nt=0 0\r\n{mediaLines}");

    [Fact]
    public void CreateAnswer_Baresip_KeepsOffererPayloadTypesAndOrder()
    {
        SdpSession offer = SdpTestData.Parse("baresip-offer.sdp");

        SdpAnswerResult result = SdpOfferAnswer.CreateAnswer(offer, Capabilities(), Origin());

        Assert.Equal(SdpAnswerStatus.Accepted, result.Status);
        SdpMedia audio = Assert.Single(result.Answer!.Media);
        Assert.Equal(["0", "8", "101"], audio.Formats);
        Assert.Equal(30000, audio.Port);
        Assert.Equal("10.9.8.7", result.Answer.Connection!.Address);
        Assert.True(audio.TryGetFmtp(101, out string? events));
        Assert.Equal("0-16", events);
        Assert.Equal(SdpDirection.SendRecv, audio.Direction);
        Assert.Equal(SdpCodec.Pcmu, result.Audio!.Codec);
        Assert.Equal(101, result.Audio.TelephoneEvent!.PayloadType);
        Assert.Equal(("192.168.10.23", 10224, 10225), (result.Audio.RemoteAddress, result.Audio.RemotePort, result.Audio.RemoteRtcpPort));
        Assert.False(result.Audio.IsRemoteHold);
    }

    [Fact]
    public void CreateAnswer_PcmaPreferredByOfferer_AnswersPcmaFirst()
    {
        SdpSession offer = SdpTestData.Parse("linphone-ipv6-offer.sdp");

        SdpAnswerResult result = SdpOfferAnswer.CreateAnswer(offer, Capabilities(), Origin());

        Assert.Equal(["8", "0", "101"], result.Answer!.Media[0].Formats);
        Assert.Equal("PCMA", result.Audio!.Codec.Name);
        Assert.Equal(7091, result.Audio.RemoteRtcpPort);
        Assert.Equal("2001:db8:4:12::1f", result.Audio.RemoteAddress);
    }

    [Fact]
    public void CreateAnswer_OwnOrderPreferred_AnswersOurFirstCommonFormat_NothingWeExclude()
    {
        SdpSession offer = SdpTestData.Parse("baresip-offer.sdp"); // PCMU, PCMA, telephone-event
        var local = new SdpLocalCapabilities(Local, 30000, [SdpCodec.Pcma, SdpCodec.Pcmu]) { PreferOwnOrder = true };

        SdpAnswerResult result = SdpOfferAnswer.CreateAnswer(offer, local, Origin());

        Assert.Equal(["8"], result.Answer!.Media[0].Formats);
        Assert.Equal("PCMA", result.Audio!.Codec.Name);
        Assert.Null(result.Audio.TelephoneEvent);
    }

    [Fact]
    public void CreateAnswer_OwnOrderPreferred_OfferHasOnlyWhatWeExclude_NoCommonCodec()
    {
        SdpSession offer = SdpTestData.Parse("baresip-offer.sdp"); // PCMU, PCMA, telephone-event
        var local = new SdpLocalCapabilities(Local, 30000, [SdpCodec.Pcmu with { Name = "G729", PayloadType = 18 }]) { PreferOwnOrder = true };

        Assert.Equal(SdpAnswerStatus.NoCommonCodec, SdpOfferAnswer.CreateAnswer(offer, local, Origin()).Status);
    }

    [Fact]
    public void CreateAnswer_TelephoneEventOnDifferentDynamicType_MatchedByNameAndRate()
    {
        SdpSession offer = SdpTestData.Parse("linphone-offer.sdp");

        SdpAnswerResult result = SdpOfferAnswer.CreateAnswer(offer, Capabilities(), Origin());

        // Linphone offers telephone-event at 48000 (101), 16000 (99) and 8000 (100): only 8000 matches ours.
        SdpMedia audio = result.Answer!.Media[0];
        Assert.Equal(["0", "8", "100"], audio.Formats);
        Assert.Equal(new SdpCodec("telephone-event", 8000, 100) { Fmtp = "0-16" }, result.Audio!.TelephoneEvent);
        Assert.Equal(7079, result.Audio.RemoteRtcpPort);
    }

    [Fact]
    public void CreateAnswer_VideoStream_RejectedWithPortZeroInPlace()
    {
        SdpSession offer = SdpTestData.Parse("linphone-offer.sdp");

        SdpAnswerResult result = SdpOfferAnswer.CreateAnswer(offer, Capabilities(), Origin());

        Assert.Equal(2, result.Answer!.Media.Count);
        SdpMedia video = result.Answer.Media[1];
        Assert.Equal(("video", 0, "RTP/AVP"), (video.MediaType, video.Port, video.Protocol));
        Assert.Equal(["96", "97"], video.Formats);
        Assert.Equal(0, result.Audio!.MediaIndex);
    }

    [Fact]
    public void CreateAnswer_StaticPayloadTypesWithoutRtpMap_Resolved()
    {
        SdpSession offer = SdpTestData.Parse("sipp-static-only-offer.sdp");

        SdpAnswerResult result = SdpOfferAnswer.CreateAnswer(offer, Capabilities(), Origin());

        Assert.Equal(["8", "0"], result.Answer!.Media[0].Formats);
        Assert.Null(result.Audio!.TelephoneEvent);
    }

    [Theory]
    [InlineData("m=audio 4000 RTP/AVP 18 9\r\na=rtpmap:18 G729/8000\r\n")]
    [InlineData("m=audio 4000 RTP/AVP 101\r\na=rtpmap:101 telephone-event/8000\r\n")]
    [InlineData("m=audio 4000 RTP/SAVP 0\r\n")]
    [InlineData("m=audio 0 RTP/AVP 0\r\n")]
    [InlineData("m=video 4000 RTP/AVP 96\r\na=rtpmap:96 VP8/90000\r\n")]
    [InlineData("m=audio 4000 RTP/AVP 96\r\na=rtpmap:96 PCMU/16000\r\n")]
    public void CreateAnswer_NoUsableCodec_ReportsNoCommonCodec(string media)
    {
        SdpSession offer = Offer(media);

        SdpAnswerResult result = SdpOfferAnswer.CreateAnswer(offer, Capabilities(), Origin());

        Assert.Equal(SdpAnswerStatus.NoCommonCodec, result.Status);
        Assert.Null(result.Answer);
        Assert.Null(result.Audio);
    }

    [Theory]
    [InlineData("a=sendrecv", SdpDirection.SendRecv, false)]
    [InlineData("a=sendonly", SdpDirection.RecvOnly, true)]
    [InlineData("a=recvonly", SdpDirection.SendOnly, false)]
    [InlineData("a=inactive", SdpDirection.Inactive, true)]
    public void CreateAnswer_OfferDirection_AnsweredPerRfc3264(string attribute, SdpDirection answered, bool hold)
    {
        SdpSession offer = Offer($"m=audio 4000 RTP/AVP 0\r\n{attribute}\r\n");

        SdpAnswerResult result = SdpOfferAnswer.CreateAnswer(offer, Capabilities(), Origin());

        Assert.Equal(answered, result.Answer!.Media[0].Direction);
        Assert.Equal(answered, result.Audio!.Direction);
        Assert.Equal(hold, result.Audio.IsRemoteHold);
    }

    [Fact]
    public void CreateAnswer_LegacyHoldAddress_DetectedAndNotSentTo()
    {
        SdpSession offer = SdpTestData.Parse("legacy-hold-reinvite.sdp");

        SdpAnswerResult result = SdpOfferAnswer.CreateAnswer(offer, Capabilities(), Origin());

        Assert.True(result.Audio!.IsRemoteHold);
        Assert.Equal(SdpDirection.RecvOnly, result.Audio.Direction);
        Assert.True(SdpOfferAnswer.IsHold(offer, offer.Media[0]));
    }

    [Fact]
    public void CreateAnswer_WeHoldAndOfferIsSendRecv_AnswersSendOnly()
    {
        SdpSession offer = Offer("m=audio 4000 RTP/AVP 0\r\n");

        SdpAnswerResult result = SdpOfferAnswer.CreateAnswer(offer, Capabilities(SdpDirection.SendOnly), Origin());

        Assert.Equal(SdpDirection.SendOnly, result.Audio!.Direction);
    }

    [Fact]
    public void CreateAnswer_TwoAudioStreams_AcceptsFirstRejectsSecond()
    {
        SdpSession offer = Offer("m=audio 4000 RTP/AVP 0\r\nm=audio 4002 RTP/AVP 8\r\n");

        SdpAnswerResult result = SdpOfferAnswer.CreateAnswer(offer, Capabilities(), Origin());

        Assert.Equal([30000, 0], result.Answer!.Media.Select(m => m.Port));
    }

    [Fact]
    public void CreateAnswer_Answer_RoundTripsThroughText()
    {
        SdpSession answer = SdpOfferAnswer.CreateAnswer(SdpTestData.Parse("linphone-offer.sdp"), Capabilities(), Origin()).Answer!;

        SdpSession reparsed = SdpParser.Parse(SdpWriter.Format(answer));

        Assert.Equal(answer, reparsed);
    }

    [Fact]
    public void CreateOffer_Capabilities_ListsCodecsPtimeAndDirection()
    {
        SdpLocalCapabilities local = Capabilities() with { RtcpPort = 30001 };

        SdpSession offer = SdpOfferAnswer.CreateOffer(local, Origin());

        Assert.Equal(
            "v=0\r\no=- 555 1 IN IP4 10.9.8.7\r\ns=-\r\nc=IN IP4 10.9.8.7\r\nt=0 0\r\n" +
            "m=audio 30000 RTP/AVP 0 8 101\r\na=rtpmap:0 PCMU/8000\r\na=rtpmap:8 PCMA/8000\r\n" +
            "a=rtpmap:101 telephone-event/8000\r\na=fmtp:101 0-16\r\na=ptime:20\r\na=rtcp:30001\r\na=sendrecv\r\n",
            SdpWriter.Format(offer));
    }

    [Fact]
    public void ProcessAnswer_PeerAnswer_GivesCodecWithPeersPayloadType()
    {
        SdpSession answer = Offer("m=audio 5000 RTP/AVP 8 96\r\na=rtpmap:96 telephone-event/8000\r\na=recvonly\r\n");

        SdpAnswerResult result = ProcessAnswerToOurOffer(answer);

        Assert.Equal(SdpAnswerStatus.Accepted, result.Status);
        Assert.Equal(SdpCodec.Pcma, result.Audio!.Codec);
        Assert.Equal(96, result.Audio.TelephoneEvent!.PayloadType);
        Assert.Equal(SdpDirection.SendOnly, result.Audio.Direction);
        Assert.False(result.Audio.IsRemoteHold);
    }

    [Fact]
    public void ProcessAnswer_StreamRejected_ReportsNoCommonCodec()
    {
        SdpSession answer = Offer("m=audio 0 RTP/AVP 0\r\n");

        SdpAnswerResult result = ProcessAnswerToOurOffer(answer);

        Assert.Equal(SdpAnswerStatus.NoCommonCodec, result.Status);
    }

    [Fact]
    public void ProcessAnswer_MediaCountDiffers_ReportsInvalidAnswer()
    {
        SdpSession answer = Offer("m=audio 5000 RTP/AVP 0\r\nm=video 0 RTP/AVP 96\r\n");

        SdpAnswerResult result = ProcessAnswerToOurOffer(answer);

        Assert.Equal(SdpAnswerStatus.InvalidAnswer, result.Status);
    }

    [Fact]
    public void CreateAnswer_RtpOnPort65535WithoutRtcpAttribute_RefusedRatherThanAnImpossibleRtcpPort()
    {
        SdpAnswerResult result = SdpOfferAnswer.CreateAnswer(Offer("m=audio 65535 RTP/AVP 0\r\n"), Capabilities(), Origin());

        Assert.Equal(SdpAnswerStatus.NoCommonCodec, result.Status); // 488, and nothing downstream builds port 65536
    }

    [Fact]
    public void CreateAnswer_RtpOnPort65535WithRtcpAttribute_Accepted()
    {
        SdpAnswerResult result = SdpOfferAnswer.CreateAnswer(Offer("m=audio 65535 RTP/AVP 0\r\na=rtcp:65534\r\n"), Capabilities(), Origin());

        Assert.Equal((65535, 65534), (result.Audio!.RemotePort, result.Audio.RemoteRtcpPort));
    }
}
