using System.Net;
using System.Text;
using ContactCenter.Media.WebRtc;

namespace ContactCenter.Media.Tests.WebRtc;

/// <summary>The ICE-lite answers to a browser's connectivity checks (RFC 8445 §7.3, RFC 8489 §9.1).</summary>
public sealed class IceLiteResponderTests
{
    private static readonly IPEndPoint Browser = new(IPAddress.Parse("192.0.2.1"), 32853);

    [Fact]
    public void Answer_Rfc5769SampleRequestToOurUfrag_SuccessWithMappedAddressSignedWithOurPassword()
    {
        var responder = new IceLiteResponder("evtj", "VOkJxbRl1RmTxUk/WvJxBt");

        var answer = responder.Answer(StunMessageTests.SampleRequest, Browser);

        Assert.True(StunMessage.TryParse(answer, out var response));
        Assert.Equal(StunMessage.BindingSuccess, response!.Type);
        Assert.Equal(Browser, response.GetXorMappedAddress());
        Assert.True(response.CheckIntegrity(StunMessageTests.Password));
        Assert.True(response.CheckFingerprint());
        Assert.True(response.TransactionId.SequenceEqual(StunMessageTests.SampleRequest.AsSpan(8, 12)));
        Assert.Null(responder.Nominated);
    }

    [Fact]
    public void Answer_ACheckFromAnAddressTheSignallingDidNotName_DroppedUnanswered()
    {
        var responder = new IceLiteResponder("evtj", "VOkJxbRl1RmTxUk/WvJxBt", a => a.Equals(IPAddress.Parse("198.51.100.9")));

        Assert.Null(responder.Answer(StunMessageTests.SampleRequest, Browser));
        Assert.NotNull(responder.Answer(StunMessageTests.SampleRequest, new IPEndPoint(IPAddress.Parse("198.51.100.9"), 32853)));
    }

    [Fact]
    public void Answer_OnlyAuthenticatedChecks_CountAsConsent()
    {
        var responder = new IceLiteResponder("evtj", "VOkJxbRl1RmTxUk/WvJxBt");
        var impostor = new IceLiteResponder("evtj", "another-password-entirely");

        responder.Answer(StunMessageTests.SampleRequest, Browser);
        responder.Answer(StunMessageTests.SampleRequest, Browser);
        impostor.Answer(StunMessageTests.SampleRequest, Browser);

        Assert.Equal(2, responder.AuthenticatedChecks);
        Assert.Equal(0, impostor.AuthenticatedChecks);
    }

    [Fact]
    public void Answer_WrongPassword_401()
    {
        var responder = new IceLiteResponder("evtj", "another-password-entirely");

        var answer = responder.Answer(StunMessageTests.SampleRequest, Browser);

        Assert.Equal(401, ErrorCode(answer));
    }

    [Fact]
    public void Answer_UsernameForAnotherUfrag_401()
    {
        var responder = new IceLiteResponder("abcd", "VOkJxbRl1RmTxUk/WvJxBt");

        var answer = responder.Answer(StunMessageTests.SampleRequest, Browser);

        Assert.Equal(401, ErrorCode(answer));
    }

    [Fact]
    public void Answer_NoMessageIntegrity_400()
    {
        var responder = new IceLiteResponder("evtj", "pw-pw-pw-pw-pw-pw-pw-pw");
        var request = new StunMessageBuilder(StunMessage.BindingRequest, new byte[12]).Add(StunAttributeType.Username, "evtj:h6vY"u8).Build();

        var answer = responder.Answer(request, Browser);

        Assert.Equal(400, ErrorCode(answer));
    }

    [Fact]
    public void Answer_BadFingerprint_Dropped()
    {
        var responder = new IceLiteResponder("evtj", "VOkJxbRl1RmTxUk/WvJxBt");
        var damaged = StunMessageTests.SampleRequest.ToArray();
        damaged[^1] ^= 0xFF;

        Assert.Null(responder.Answer(damaged, Browser));
    }

    [Fact]
    public void Answer_UseCandidate_NominatesTheSource()
    {
        var responder = new IceLiteResponder("lite", "0123456789abcdefghijklmn");
        var request = new StunMessageBuilder(StunMessage.BindingRequest, "transaction1"u8)
            .Add(StunAttributeType.Username, "lite:browser"u8)
            .Add(StunAttributeType.UseCandidate, [])
            .Build(Encoding.UTF8.GetBytes("0123456789abcdefghijklmn"), fingerprint: true);

        var answer = responder.Answer(request, Browser);

        Assert.True(StunMessage.TryParse(answer, out var response));
        Assert.Equal(StunMessage.BindingSuccess, response!.Type);
        Assert.Equal(Browser, responder.Nominated);
    }

    [Theory]
    [InlineData(new byte[] { 0x00, 0x01 }, MediaPacketKind.Stun)]
    [InlineData(new byte[] { 0x16, 0xfe, 0xfd }, MediaPacketKind.Dtls)]
    [InlineData(new byte[] { 0x80, 0x00 }, MediaPacketKind.Rtp)]
    [InlineData(new byte[] { 0x81, 0xc8 }, MediaPacketKind.Rtp)]
    [InlineData(new byte[] { 0x40 }, MediaPacketKind.Unknown)]
    [InlineData(new byte[] { 0xff }, MediaPacketKind.Unknown)]
    [InlineData(new byte[0], MediaPacketKind.Unknown)]
    public void Classify_FirstByte_Rfc7983Ranges(byte[] packet, MediaPacketKind expected)
    {
        Assert.Equal(expected, MediaPacketClassifier.Classify(packet));
    }

    private static int? ErrorCode(byte[]? answer)
    {
        Assert.True(StunMessage.TryParse(answer, out var response));
        Assert.Equal(StunMessage.BindingError, response!.Type);
        var value = response.Get(StunAttributeType.ErrorCode);
        return (value[2] * 100) + value[3];
    }
}
