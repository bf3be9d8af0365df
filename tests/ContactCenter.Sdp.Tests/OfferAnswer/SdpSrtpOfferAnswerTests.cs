using System.Net;
using ContactCenter.Sdp.OfferAnswer;

namespace ContactCenter.Sdp.Tests.OfferAnswer;

/// <summary>SDES (RFC 4568) in the offer/answer model: which offers become SRTP, with which keys, and which are refused.</summary>
public sealed class SdpSrtpOfferAnswerTests
{
    // 30 bytes of key and salt each (AES_CM_128 suites); theirs as a peer would send it.
    private const string OurKey80 = "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwd";
    private const string OurKey32 = "HRwbGhkYFxYVFBMSERAPDg0MCwoJCAcGBQQDAgEA";
    private const string TheirKey = "WVNfX19zZW1jdGwgKCkgewkyMjA7fQp9CnVubGVz";
    private static readonly IPAddress Local = IPAddress.Parse("10.9.8.7");

    [Fact]
    public void CreateOffer_Require_RtpSavpWithOneLinePerSuiteTaggedInOrder()
    {
        SdpSession offer = SdpOfferAnswer.CreateOffer(Capabilities(SdpSrtpMode.Require), Origin());

        SdpMedia audio = Assert.Single(offer.Media);
        Assert.Equal("RTP/SAVP", audio.Protocol);
        Assert.Equal(
            [(1, "AES_CM_128_HMAC_SHA1_80", OurKey80), (2, "AES_CM_128_HMAC_SHA1_32", OurKey32)],
            SdpCrypto.From(audio).Select(c => (c.Tag, c.Suite, c.Keys[0].KeySalt)));
    }

    [Fact]
    public void CreateOffer_Allow_PlainProfileWithKeysForPhonesThatDoSrtp()
    {
        SdpMedia audio = Assert.Single(SdpOfferAnswer.CreateOffer(Capabilities(SdpSrtpMode.Allow), Origin()).Media);

        Assert.Equal("RTP/AVP", audio.Protocol);
        Assert.Equal(2, SdpCrypto.From(audio).Count);
    }

    [Fact]
    public void CreateOffer_Off_NoKeys()
    {
        SdpMedia audio = Assert.Single(SdpOfferAnswer.CreateOffer(Capabilities(SdpSrtpMode.Off), Origin()).Media);

        Assert.Equal("RTP/AVP", audio.Protocol);
        Assert.Empty(SdpCrypto.From(audio));
    }

    [Fact]
    public void CreateAnswer_SavpOffer_AcceptsTheFirstSupportedLineWithItsTagAndOurKey()
    {
        SdpSession offer = Offer("RTP/SAVP",
            "a=crypto:1 AES_256_CM_HMAC_SHA1_80 inline:" + TheirKey + TheirKey + "\r\n" +
            "a=crypto:7 AES_CM_128_HMAC_SHA1_32 inline:" + TheirKey + "\r\n" +
            "a=crypto:9 AES_CM_128_HMAC_SHA1_80 inline:" + TheirKey + "\r\n");

        SdpAnswerResult result = SdpOfferAnswer.CreateAnswer(offer, Capabilities(SdpSrtpMode.Allow), Origin());

        Assert.True(result.IsAccepted);
        SdpMedia audio = Assert.Single(result.Answer!.Media);
        Assert.Equal("RTP/SAVP", audio.Protocol);
        SdpCrypto answered = Assert.Single(SdpCrypto.From(audio));
        Assert.Equal((7, "AES_CM_128_HMAC_SHA1_32", OurKey32), (answered.Tag, answered.Suite, answered.Keys[0].KeySalt));
        Assert.Equal(new SdpSrtpKeys("AES_CM_128_HMAC_SHA1_32", OurKey32, TheirKey), result.Audio!.Srtp);
    }

    [Fact]
    public void CreateAnswer_PlainProfileOfferWithKeys_BaresipStyle_BecomesSrtp()
    {
        SdpSession offer = Offer("RTP/AVP", "a=crypto:1 AES_CM_128_HMAC_SHA1_80 inline:" + TheirKey + "\r\n");

        SdpAnswerResult result = SdpOfferAnswer.CreateAnswer(offer, Capabilities(SdpSrtpMode.Allow), Origin());

        Assert.Equal("RTP/AVP", result.Answer!.Media[0].Protocol);
        Assert.Equal(new SdpSrtpKeys("AES_CM_128_HMAC_SHA1_80", OurKey80, TheirKey), result.Audio!.Srtp);
    }

    [Fact]
    public void CreateAnswer_SavpOfferWhileSrtpOff_RejectedFor488()
    {
        SdpSession offer = Offer("RTP/SAVP", "a=crypto:1 AES_CM_128_HMAC_SHA1_80 inline:" + TheirKey + "\r\n");

        SdpAnswerResult result = SdpOfferAnswer.CreateAnswer(offer, Capabilities(SdpSrtpMode.Off), Origin());

        Assert.Equal(SdpAnswerStatus.NoCommonCodec, result.Status);
    }

    [Fact]
    public void CreateAnswer_PlainOfferWhileSrtpOff_KeysIgnoredAndAnsweredPlain()
    {
        SdpSession offer = Offer("RTP/AVP", "a=crypto:1 AES_CM_128_HMAC_SHA1_80 inline:" + TheirKey + "\r\n");

        SdpAnswerResult result = SdpOfferAnswer.CreateAnswer(offer, Capabilities(SdpSrtpMode.Off), Origin());

        Assert.True(result.IsAccepted);
        Assert.Null(result.Audio!.Srtp);
        Assert.Empty(SdpCrypto.From(result.Answer!.Media[0]));
    }

    [Fact]
    public void CreateAnswer_PlainOfferWhenSrtpRequired_Rejected()
    {
        SdpAnswerResult result = SdpOfferAnswer.CreateAnswer(Offer("RTP/AVP", ""), Capabilities(SdpSrtpMode.Require), Origin());

        Assert.Equal(SdpAnswerStatus.NoCommonCodec, result.Status);
    }

    [Theory]
    [InlineData("a=crypto:1 AES_CM_128_HMAC_SHA1_80 inline:" + TheirKey + " UNENCRYPTED_SRTP\r\n")]
    [InlineData("a=crypto:1 AES_CM_128_HMAC_SHA1_80 inline:" + TheirKey + "|2^20|1:4\r\n")]
    [InlineData("a=crypto:1 AES_CM_128_HMAC_SHA1_80 inline:" + TheirKey + ";inline:" + OurKey80 + "\r\n")]
    [InlineData("a=crypto:1 AES_CM_128_HMAC_SHA1_80 inline:QUJD\r\n")]
    [InlineData("a=crypto:1 F8_128_HMAC_SHA1_80 inline:" + TheirKey + "\r\n")]
    public void CreateAnswer_OnlyLinesWeCannotHonour_Rejected(string crypto)
    {
        SdpAnswerResult result = SdpOfferAnswer.CreateAnswer(Offer("RTP/SAVP", crypto), Capabilities(SdpSrtpMode.Allow), Origin());

        Assert.Equal(SdpAnswerStatus.NoCommonCodec, result.Status);
    }

    [Fact]
    public void ProcessAnswer_AnswerAcceptsOurSecondLine_KeysOfThatLine()
    {
        SdpSession ourOffer = SdpOfferAnswer.CreateOffer(Capabilities(SdpSrtpMode.Require), Origin());
        SdpSession answer = Offer("RTP/SAVP", "a=crypto:2 AES_CM_128_HMAC_SHA1_32 inline:" + TheirKey + "\r\n");

        SdpAnswerResult result = SdpOfferAnswer.ProcessAnswer(ourOffer, answer, Capabilities(SdpSrtpMode.Require));

        Assert.Equal(new SdpSrtpKeys("AES_CM_128_HMAC_SHA1_32", OurKey32, TheirKey), result.Audio!.Srtp);
    }

    [Fact]
    public void ProcessAnswer_PlainAnswerToBestEffortOffer_PlainRtp()
    {
        SdpSession ourOffer = SdpOfferAnswer.CreateOffer(Capabilities(SdpSrtpMode.Allow), Origin());

        SdpAnswerResult result = SdpOfferAnswer.ProcessAnswer(ourOffer, Offer("RTP/AVP", ""), Capabilities(SdpSrtpMode.Allow));

        Assert.True(result.IsAccepted);
        Assert.Null(result.Audio!.Srtp);
    }

    [Theory]
    [InlineData("")]
    [InlineData("a=crypto:5 AES_CM_128_HMAC_SHA1_80 inline:" + TheirKey + "\r\n")] // a tag we never offered
    public void ProcessAnswer_RequiredButAnswerHasNoMatchingKey_NotAccepted(string crypto)
    {
        SdpSession ourOffer = SdpOfferAnswer.CreateOffer(Capabilities(SdpSrtpMode.Require), Origin());

        SdpAnswerResult result = SdpOfferAnswer.ProcessAnswer(ourOffer, Offer("RTP/SAVP", crypto), Capabilities(SdpSrtpMode.Require));

        Assert.False(result.IsAccepted);
    }

    [Fact]
    public void SrtpKeys_ToString_NeverShowsTheKeys()
    {
        string text = new SdpSrtpKeys("AES_CM_128_HMAC_SHA1_80", OurKey80, TheirKey).ToString();

        Assert.DoesNotContain(OurKey80, text, StringComparison.Ordinal);
        Assert.DoesNotContain(TheirKey, text, StringComparison.Ordinal);
    }

    private static SdpLocalCapabilities Capabilities(SdpSrtpMode mode) =>
        new(Local, 30000, [SdpCodec.Pcmu, SdpCodec.Pcma, SdpCodec.TelephoneEvent(101)])
        {
            Srtp = mode,
            Crypto =
            [
                new SdpCrypto(1, "AES_CM_128_HMAC_SHA1_80", [new SdpCryptoKey(OurKey80)], []),
                new SdpCrypto(1, "AES_CM_128_HMAC_SHA1_32", [new SdpCryptoKey(OurKey32)], []),
            ],
        };

    private static SdpOriginTracker Origin() => new(Local, "555", 1);

    private static SdpSession Offer(string protocol, string crypto) => SdpParser.Parse(
        $"v=0\r\no=peer 1 1 IN IP4 10.0.0.2\r\ns=-\r\nc=IN IP4 10.0.0.2\r\nt=0 0\r\nm=audio 4000 {protocol} 0 8\r\n{crypto}");
}
