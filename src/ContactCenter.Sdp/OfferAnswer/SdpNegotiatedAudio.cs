namespace ContactCenter.Sdp.OfferAnswer;

/// <summary>The agreed audio stream: where to send, in which format, and in which direction.</summary>
/// <param name="MediaIndex">The index of the m-line.</param>
/// <param name="RemoteAddress">Where the peer receives RTP (may be <c>0.0.0.0</c> for legacy hold).</param>
/// <param name="RemotePort">The peer's RTP port.</param>
/// <param name="RemoteRtcpPort">The peer's RTCP port (<c>a=rtcp</c>, else RTP port + 1, RFC 3605).</param>
/// <param name="Codecs">The common voice codecs in the offerer's order, with the peer's payload types; the first is the one to send.</param>
/// <param name="Direction">Our direction: whether we send and receive.</param>
public sealed record SdpNegotiatedAudio(
    int MediaIndex,
    string RemoteAddress,
    int RemotePort,
    int RemoteRtcpPort,
    EquatableArray<SdpCodec> Codecs,
    SdpDirection Direction)
{
    /// <summary>The codec to send with.</summary>
    public SdpCodec Codec => Codecs[0];

    /// <summary>The agreed RFC 4733 telephone-event format, if both sides support it.</summary>
    public SdpCodec? TelephoneEvent { get; init; }

    /// <summary>The peer's <c>a=ptime</c>, if given.</summary>
    public int? RemotePtime { get; init; }

    /// <summary>The SRTP agreed for the stream, or null for plain RTP.</summary>
    public SdpSrtpKeys? Srtp { get; init; }

    /// <summary>Whether the peer put us on hold (sendonly/inactive, or <c>c=0.0.0.0</c>, RFC 3264 §8.4).</summary>
    public bool IsRemoteHold { get; init; }
}
