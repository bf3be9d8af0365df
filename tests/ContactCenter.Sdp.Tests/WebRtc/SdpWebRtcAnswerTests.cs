using System.Net;
using ContactCenter.Sdp.OfferAnswer;
using ContactCenter.Sdp.WebRtc;

namespace ContactCenter.Sdp.Tests.WebRtc;

/// <summary>Answering a real Chromium offer (Data/chromium-webrtc-offer.sdp, captured from Debian's Chromium by the Web tests).</summary>
public sealed class SdpWebRtcAnswerTests
{
    private static readonly SdpFingerprint Ours = SdpFingerprint.Sha256Of([1, 2, 3]);
    private static readonly SdpWebRtcLocal Local = new(IPAddress.Loopback, 40_000, "lite", "0123456789abcdefghijklmn", Ours);

    [Fact]
    public void TryRead_ChromiumOffer_IceCredentialsFingerprintSetupMuxMidAndCandidates()
    {
        var offer = SdpTestData.Parse("chromium-webrtc-offer.sdp");

        Assert.True(SdpWebRtcTransport.TryRead(offer, offer.Media[0], out var transport));

        Assert.Equal("cXSt", transport.IceUfrag);
        Assert.Equal("CmEs0UFfh5Dr053Fp+h9txg6", transport.IcePassword);
        Assert.Equal("sha-256", transport.Fingerprint.HashFunction);
        Assert.StartsWith("34:C7:65:A7", transport.Fingerprint.Value, StringComparison.Ordinal);
        Assert.Equal(SdpSetupRole.ActPass, transport.Setup);
        Assert.True(transport.RtcpMux);
        Assert.Equal("0", transport.Mid);
        Assert.False(transport.IceLite);
        Assert.Equal(8, transport.Candidates.Count);
        Assert.Contains(transport.Candidates, c => c is { Address: "127.0.0.1", Port: 56900, Transport: "udp", Type: "host", Component: 1 });
    }

    [Fact]
    public void Create_ChromiumOffer_OpusFirstPassiveIceLiteBundleAndOurOneHostCandidate()
    {
        var offer = SdpTestData.Parse("chromium-webrtc-offer.sdp");

        var result = SdpWebRtcAnswer.Create(offer, Local, new SdpOriginTracker(IPAddress.Loopback, "1", 1));

        Assert.True(result.IsAccepted);
        var text = SdpWriter.Format(result.Answer!);
        Assert.Contains("m=audio 40000 UDP/TLS/RTP/SAVPF 111 0 8 110\r\n", text, StringComparison.Ordinal);
        Assert.Contains("a=ice-lite\r\n", text, StringComparison.Ordinal);
        Assert.Contains("a=group:BUNDLE 0\r\n", text, StringComparison.Ordinal);
        Assert.Contains("a=setup:passive\r\n", text, StringComparison.Ordinal);
        Assert.Contains("a=rtcp-mux\r\n", text, StringComparison.Ordinal);
        Assert.Contains("a=rtpmap:111 opus/48000/2\r\n", text, StringComparison.Ordinal);
        Assert.Contains("a=candidate:1 1 udp 2130706431 127.0.0.1 40000 typ host\r\n", text, StringComparison.Ordinal);
        Assert.Contains("a=fingerprint:" + Ours + "\r\n", text, StringComparison.Ordinal);
        Assert.Equal("opus", result.Audio!.Codec.Name);
        Assert.Equal(111, result.Audio.Codec.PayloadType);
        Assert.Equal(110, result.Audio.TelephoneEvent!.PayloadType); // telephone-event/48000, the Opus clock
        Assert.Equal(SdpDirection.SendRecv, result.Audio.Direction);
        Assert.Equal("cXSt", result.Remote!.IceUfrag);
    }

    [Fact]
    public void Create_ChromiumOffer_G711PreferredByUs_PcmuFirstWithEventsOnItsClock()
    {
        var offer = SdpTestData.Parse("chromium-webrtc-offer.sdp");
        var local = Local with { Codecs = [SdpCodec.Pcmu, SdpCodec.Pcma, SdpCodec.Opus, SdpCodec.TelephoneEvent(), SdpCodec.TelephoneEvent(126) with { ClockRate = 48_000 }] };

        var result = SdpWebRtcAnswer.Create(offer, local, new SdpOriginTracker(IPAddress.Loopback, "1", 1));

        // The answerer's order (RFC 3264 §6.1): Chromium sends the first, PCMU, though its offer put Opus first.
        Assert.True(result.IsAccepted);
        Assert.Contains("m=audio 40000 UDP/TLS/RTP/SAVPF 0 8 111 126\r\n", SdpWriter.Format(result.Answer!), StringComparison.Ordinal);
        Assert.Equal(("PCMU", 0), (result.Audio!.Codec.Name, result.Audio.Codec.PayloadType));
        Assert.Equal((126, 8_000), (result.Audio.TelephoneEvent!.PayloadType, result.Audio.TelephoneEvent.ClockRate));
    }

    [Fact]
    public void Create_OpusOnlyOffer_G711PreferredByUs_OpusAnswered()
    {
        var text = System.Text.Encoding.UTF8.GetString(SdpTestData.Bytes("chromium-webrtc-offer.sdp")).Replace(" 111 63 9 0 8 13 110 126", " 111 110", StringComparison.Ordinal);
        var local = Local with { Codecs = [SdpCodec.Pcmu, SdpCodec.Pcma, SdpCodec.Opus, SdpCodec.TelephoneEvent(), SdpCodec.TelephoneEvent(126) with { ClockRate = 48_000 }] };

        var result = SdpWebRtcAnswer.Create(SdpParser.Parse(text), local, new SdpOriginTracker(IPAddress.Loopback, "1", 1));

        Assert.True(result.IsAccepted);
        Assert.Equal("opus", result.Audio!.Codec.Name);
        Assert.Equal(110, result.Audio.TelephoneEvent!.PayloadType);
    }

    [Fact]
    public void Create_AnswerReadBack_GivesOurIceCredentialsAndFingerprint()
    {
        var offer = SdpTestData.Parse("chromium-webrtc-offer.sdp");
        var answer = SdpWebRtcAnswer.Create(offer, Local, new SdpOriginTracker(IPAddress.Loopback, "1", 1)).Answer!;

        var reread = SdpParser.Parse(SdpWriter.Format(answer));

        Assert.True(SdpWebRtcTransport.TryRead(reread, reread.Media[0], out var transport));
        Assert.Equal(("lite", "0123456789abcdefghijklmn", Ours, SdpSetupRole.Passive), (transport.IceUfrag, transport.IcePassword, transport.Fingerprint, transport.Setup));
        Assert.True(transport.IceLite);
        Assert.Equal(SdpIceCandidate.Host("127.0.0.1", 40_000), Assert.Single(transport.Candidates));
    }

    [Theory]
    [InlineData("a=rtcp-mux\r\n", "")]                                 // RTCP not multiplexed: we have no second port
    [InlineData("a=setup:actpass", "a=setup:passive")]                 // it wants to be the DTLS server too
    [InlineData("a=ice-pwd:CmEs0UFfh5Dr053Fp+h9txg6\r\n", "")]         // no ICE password
    [InlineData("UDP/TLS/RTP/SAVPF", "RTP/AVP")]                       // not DTLS-SRTP
    [InlineData(" 111 63 9 0 8 13 110 126", " 9 13")]                  // only G722 and CN: nothing in common
    public void Create_OfferWeCannotTake_RejectedWithPortZeroAndItsMid(string find, string replace)
    {
        var text = System.Text.Encoding.UTF8.GetString(SdpTestData.Bytes("chromium-webrtc-offer.sdp")).Replace(find, replace, StringComparison.Ordinal);

        var result = SdpWebRtcAnswer.Create(SdpParser.Parse(text), Local, new SdpOriginTracker(IPAddress.Loopback, "1", 1));

        Assert.False(result.IsAccepted);
        Assert.Null(result.Answer);
    }

    [Theory]
    [InlineData("3113768048 1 udp 2122194687 127.0.0.1 56900 typ host generation 0 network-id 3 network-cost 50", "127.0.0.1", 56900, "host")]
    [InlineData("1 1 UDP 1686052607 198.51.100.7 50000 typ srflx raddr 10.0.0.1 rport 50000", "198.51.100.7", 50000, "srflx")]
    [InlineData("2 1 udp 2122262783 4f2b1c3e-0c41-4c26-9d7b-3c1b0a9e7f00.local 54321 typ host", "4f2b1c3e-0c41-4c26-9d7b-3c1b0a9e7f00.local", 54321, "host")]
    public void Candidate_ParsedAndWrittenBack(string value, string address, int port, string type)
    {
        Assert.True(SdpIceCandidate.TryParse(value, out var candidate));

        Assert.Equal((address, port, type), (candidate.Address, candidate.Port, candidate.Type));
        Assert.Equal(value, candidate.ToString());
    }

    [Theory]
    [InlineData("")]
    [InlineData("1 1 udp 2122194687 127.0.0.1 56900 host")]
    [InlineData("1 x udp 2122194687 127.0.0.1 56900 typ host")]
    [InlineData("1 1 udp -5 127.0.0.1 56900 typ host")]
    [InlineData("1 1 udp 5 127.0.0.1 70000 typ host")]
    public void Candidate_Malformed_NotRead(string value)
    {
        Assert.False(SdpIceCandidate.TryParse(value, out _));
    }

    [Fact]
    public void Fingerprint_OfACertificate_MatchesItAndNoOther()
    {
        byte[] certificate = [0x30, 0x82, 0x01, 0x0a];
        var fingerprint = SdpFingerprint.Sha256Of(certificate);

        Assert.Matches("^([0-9A-F]{2}:){31}[0-9A-F]{2}$", fingerprint.Value);
        Assert.True(SdpFingerprint.TryParse(fingerprint.ToString().ToLowerInvariant(), out var parsed));
        Assert.True(parsed.Matches(certificate));
        Assert.False(parsed.Matches([0x30, 0x82, 0x01, 0x0b]));
        Assert.False(new SdpFingerprint("sha-1", fingerprint.Value).Matches(certificate));
    }
}
