using System.Net;
using System.Text;
using ContactCenter.Media.WebRtc;

namespace ContactCenter.Media.Tests.WebRtc;

/// <summary>STUN messages against the RFC 5769 test vectors (§2.1 sample request, §2.2 sample IPv4 response).</summary>
public sealed class StunMessageTests
{
    /// <summary>RFC 5769 §2.1: Binding request with SOFTWARE, PRIORITY, ICE-CONTROLLED, USERNAME "evtj:h6vY", MESSAGE-INTEGRITY, FINGERPRINT.</summary>
    internal static readonly byte[] SampleRequest = Convert.FromHexString(
        "000100582112a442b7e7a701bc34d686fa87dfae802200105354554e207465737420636c69656e74002400046e0001ff80290008932ff9b151263b36"
        + "000600096576746a3a68367659202020000800149aeaa70cbfd8cb56781ef2b5b2d3f249c1b571a280280004e57a3bcf");

    /// <summary>RFC 5769 §2.2: Binding success with SOFTWARE "test vector", XOR-MAPPED-ADDRESS 192.0.2.1:32853, MESSAGE-INTEGRITY, FINGERPRINT.</summary>
    internal static readonly byte[] SampleIPv4Response = Convert.FromHexString(
        "0101003c2112a442b7e7a701bc34d686fa87dfae8022000b7465737420766563746f7220002000080001a147e112a643000800142b91f599fd9e90c38c7489f92af9ba53f06be7d780280004c07d4c96");

    internal static readonly byte[] Password = Encoding.UTF8.GetBytes("VOkJxbRl1RmTxUk/WvJxBt");

    [Fact]
    public void TryParse_Rfc5769SampleRequest_IntegrityAndFingerprintCheck()
    {
        Assert.True(StunMessage.TryParse(SampleRequest, out var message));

        Assert.Equal(StunMessage.BindingRequest, message!.Type);
        Assert.True(message.IsRequest);
        Assert.Equal("evtj:h6vY", Encoding.UTF8.GetString(message.Get(StunAttributeType.Username)));
        Assert.Equal("STUN test client", Encoding.UTF8.GetString(message.Get(StunAttributeType.Software)));
        Assert.True(message.CheckIntegrity(Password));
        Assert.True(message.CheckFingerprint());
    }

    [Fact]
    public void CheckIntegrity_WrongPassword_False()
    {
        Assert.True(StunMessage.TryParse(SampleRequest, out var message));

        Assert.False(message!.CheckIntegrity("VOkJxbRl1RmTxUk/WvJxBu"u8));
    }

    [Fact]
    public void CheckFingerprint_OneBitFlippedInTheBody_False()
    {
        var damaged = SampleRequest.ToArray();
        damaged[40] ^= 0x01;

        Assert.True(StunMessage.TryParse(damaged, out var message));

        Assert.False(message!.CheckFingerprint());
        Assert.False(message.CheckIntegrity(Password));
    }

    [Fact]
    public void TryParse_Rfc5769SampleIPv4Response_MappedAddressDecoded()
    {
        Assert.True(StunMessage.TryParse(SampleIPv4Response, out var message));

        Assert.Equal(StunMessage.BindingSuccess, message!.Type);
        Assert.Equal(new IPEndPoint(IPAddress.Parse("192.0.2.1"), 32853), message.GetXorMappedAddress());
        Assert.True(message.CheckIntegrity(Password));
        Assert.True(message.CheckFingerprint());
    }

    [Fact]
    public void Build_Rfc5769SampleIPv4ResponseFromItsParts_SameBytes()
    {
        Assert.True(StunMessage.TryParse(SampleIPv4Response, out var vector));

        var built = new StunMessageBuilder(StunMessage.BindingSuccess, vector!.TransactionId, padding: 0x20)
            .Add(StunAttributeType.Software, "test vector"u8)
            .AddXorMappedAddress(new IPEndPoint(IPAddress.Parse("192.0.2.1"), 32853))
            .Build(Password, fingerprint: true);

        Assert.Equal(Convert.ToHexString(SampleIPv4Response), Convert.ToHexString(built));
    }

    [Fact]
    public void Build_Rfc5769SampleRequestFromItsParts_SameBytes()
    {
        Assert.True(StunMessage.TryParse(SampleRequest, out var vector));

        var built = new StunMessageBuilder(StunMessage.BindingRequest, vector!.TransactionId, padding: 0x20)
            .Add(StunAttributeType.Software, "STUN test client"u8)
            .Add(StunAttributeType.Priority, [0x6e, 0x00, 0x01, 0xff])
            .Add(StunAttributeType.IceControlled, [0x93, 0x2f, 0xf9, 0xb1, 0x51, 0x26, 0x3b, 0x36])
            .Add(StunAttributeType.Username, "evtj:h6vY"u8)
            .Build(Password, fingerprint: true);

        Assert.Equal(Convert.ToHexString(SampleRequest), Convert.ToHexString(built));
    }

    [Fact]
    public void XorMappedAddress_IPv6_RoundTrips()
    {
        var endPoint = new IPEndPoint(IPAddress.Parse("2001:db8:1234:5678:11:2233:4455:6677"), 32853);
        var built = new StunMessageBuilder(StunMessage.BindingSuccess, new byte[12]).AddXorMappedAddress(endPoint).Build();

        Assert.True(StunMessage.TryParse(built, out var message));

        Assert.Equal(endPoint, message!.GetXorMappedAddress());
        Assert.True(message.CheckFingerprint());
    }

    [Theory]
    [InlineData("")]
    [InlineData("0001005821")]                     // shorter than a header
    [InlineData("c00100002112a44200000000000000000000000000")] // first two bits set: not STUN
    [InlineData("000100042112a442000000000000000000000000")]   // length says 4, nothing follows
    [InlineData("000100002112a443000000000000000000000000")]   // wrong magic cookie
    [InlineData("000100082112a442000000000000000000000000000600200000000000")] // attribute longer than the message
    public void TryParse_NotStunOrBroken_False(string hex)
    {
        Assert.False(StunMessage.TryParse(Convert.FromHexString(hex), out _));
    }
}
