namespace ContactCenter.Sdp.Tests;

public sealed class SdpAttributeTests
{
    public static TheoryData<string, int, string, int, int?> RtpMaps => new()
    {
        { "0 PCMU/8000", 0, "PCMU", 8000, null },
        { "101 telephone-event/8000", 101, "telephone-event", 8000, null },
        { "111 opus/48000/2", 111, "opus", 48000, 2 },
        { "96  L16/16000", 96, "L16", 16000, null },
    };

    [Theory]
    [MemberData(nameof(RtpMaps))]
    public void RtpMapTryParse_Valid_ReadsFields(string value, int payloadType, string name, int rate, int? channels)
    {
        bool ok = SdpRtpMap.TryParse(value, out SdpRtpMap? map);

        Assert.True(ok);
        Assert.Equal(new SdpRtpMap(payloadType, name, rate, channels), map);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("PCMU/8000")]
    [InlineData("128 X/8000")]
    [InlineData("0 PCMU")]
    [InlineData("0 PCMU/0")]
    [InlineData("0 PCMU/8000/0")]
    [InlineData("0 PCMU/8000/1/2")]
    [InlineData("0 /8000")]
    [InlineData("-1 PCMU/8000")]
    public void RtpMapTryParse_Invalid_ReturnsFalse(string? value)
    {
        bool ok = SdpRtpMap.TryParse(value, out SdpRtpMap? map);

        Assert.False(ok);
        Assert.Null(map);
    }

    [Theory]
    [InlineData("7078", 7078, null)]
    [InlineData("53020 IN IP4 126.16.64.4", 53020, "126.16.64.4")]
    [InlineData("53020 IN IP6 2001:2345:6789:ABCD:EF01:2345:6789:ABCD", 53020, "2001:2345:6789:ABCD:EF01:2345:6789:ABCD")]
    public void RtcpTryParse_Valid_ReadsPortAndAddress(string value, int port, string? address)
    {
        bool ok = SdpRtcp.TryParse(value, out SdpRtcp? rtcp);

        Assert.True(ok);
        Assert.Equal(port, rtcp!.Port);
        Assert.Equal(address, rtcp.Connection?.Address);
    }

    [Theory]
    [InlineData("x")]
    [InlineData("70000")]
    [InlineData("5000 IN IP4")]
    [InlineData("5000 IN IP4 ::1")]
    public void RtcpTryParse_Invalid_ReturnsFalse(string value)
    {
        bool ok = SdpRtcp.TryParse(value, out _);

        Assert.False(ok);
    }

    [Theory]
    [InlineData("sendrecv", SdpDirection.SendRecv)]
    [InlineData("sendonly", SdpDirection.SendOnly)]
    [InlineData("recvonly", SdpDirection.RecvOnly)]
    [InlineData("inactive", SdpDirection.Inactive)]
    public void Direction_AttributeName_RoundTrips(string name, SdpDirection direction)
    {
        bool ok = SdpDirections.TryParse(name, out SdpDirection parsed);

        Assert.True(ok);
        Assert.Equal(direction, parsed);
        Assert.Equal(name, direction.ToAttributeName());
    }

    [Fact]
    public void MediaDirection_NoAttribute_FallsBackToSessionThenSendRecv()
    {
        var media = new SdpMedia("audio", 4000, "RTP/AVP", ["0"]);
        var session = new SdpSession(new SdpOrigin("-", "1", 1, "IN", "IP4", "10.0.0.1"), "-") { Media = [media] };

        SdpDirection plain = session.GetDirection(media);
        SdpDirection inherited = (session with { Attributes = [SdpAttribute.ForDirection(SdpDirection.Inactive)] }).GetDirection(media);

        Assert.Equal(SdpDirection.SendRecv, plain);
        Assert.Equal(SdpDirection.Inactive, inherited);
    }

    [Theory]
    [InlineData("0.0.0.0", true)]
    [InlineData("::", true)]
    [InlineData("10.0.0.1", false)]
    [InlineData("pbx.example.com", false)]
    public void ConnectionIsUnspecified_Address_DetectsLegacyHoldAddress(string address, bool expected)
    {
        var connection = new SdpConnection("IN", address.Contains(':', StringComparison.Ordinal) ? "IP6" : "IP4", address);

        Assert.Equal(expected, connection.IsUnspecified);
    }

    [Fact]
    public void EquatableArray_SameContent_IsEqualAndHashesAlike()
    {
        EquatableArray<string> a = ["x", "y"];
        EquatableArray<string> b = new(new List<string> { "x", "y" });

        Assert.Equal(a, b);
        Assert.True(a == b);
        Assert.Equal(a.GetHashCode(), b.GetHashCode());
        Assert.NotEqual(a, b.Add("z"));
        Assert.Equal(default(EquatableArray<string>), []);
    }
}
