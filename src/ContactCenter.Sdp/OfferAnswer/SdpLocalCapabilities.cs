using System.Net;

namespace ContactCenter.Sdp.OfferAnswer;

/// <summary>What our side of one call leg offers or accepts: where we receive audio and in which formats.</summary>
/// <param name="Address">The address we receive RTP on.</param>
/// <param name="Port">The RTP port we receive on (RTCP on the next port unless <see cref="RtcpPort"/> says otherwise).</param>
/// <param name="Codecs">Our formats in preference order, including telephone-event if we want RFC 4733 DTMF.</param>
public sealed record SdpLocalCapabilities(IPAddress Address, int Port, EquatableArray<SdpCodec> Codecs)
{
    /// <summary>The packetisation time we ask for (<c>a=ptime</c>), or null to omit it.</summary>
    public int? Ptime { get; init; } = 20;

    /// <summary>The direction we want: <see cref="SdpDirection.SendOnly"/> to put the peer on hold.</summary>
    public SdpDirection Direction { get; init; } = SdpDirection.SendRecv;

    /// <summary>The RTCP port to announce with <c>a=rtcp</c> (RFC 3605), or null to omit it.</summary>
    public int? RtcpPort { get; init; }

    /// <summary>Whether we offer and accept SRTP (SDES, RFC 4568).</summary>
    public SdpSrtpMode Srtp { get; init; } = SdpSrtpMode.Off;

    /// <summary>
    /// Our key for each crypto suite we support, in preference order (tags are assigned when offering); needed unless
    /// <see cref="Srtp"/> is <see cref="SdpSrtpMode.Off"/>.
    /// </summary>
    public EquatableArray<SdpCrypto> Crypto { get; init; } = [];

    /// <summary>
    /// True: <see cref="Codecs"/> is a configured preference (e.g. a trunk's codec list) that decides: an answer names only
    /// the first of our formats the offer has (plus telephone-event when both have it), whatever the offerer's order, so
    /// the offerer sends what we chose (RFC 3264 §6.1 lets the answerer pick).
    /// </summary>
    public bool PreferOwnOrder { get; init; }

    /// <summary>The <c>s=</c> text.</summary>
    public string SessionName { get; init; } = "-";
}
