using System.Net;
using ContactCenter.Sdp.OfferAnswer;

namespace ContactCenter.Sdp.WebRtc;

/// <summary>
/// Our side of a WebRTC audio stream: the media socket's address and port (our one host candidate), our ICE credentials,
/// our DTLS certificate's fingerprint, and the codecs we take (by default Opus, PCMU, PCMA and telephone-events at 48 and 8 kHz).
/// </summary>
public sealed record SdpWebRtcLocal(IPAddress Address, int Port, string IceUfrag, string IcePassword, SdpFingerprint Fingerprint)
{
    /// <summary>The codecs we accept, ours in this order when the offer leaves a choice.</summary>
    public EquatableArray<SdpCodec> Codecs { get; init; } =
        [SdpCodec.Opus, SdpCodec.Pcmu, SdpCodec.Pcma, SdpCodec.TelephoneEvent(126) with { ClockRate = 48_000 }, SdpCodec.TelephoneEvent()];

    /// <summary>The direction we want.</summary>
    public SdpDirection Direction { get; init; } = SdpDirection.SendRecv;

    /// <summary>The <c>s=</c> line.</summary>
    public string SessionName { get; init; } = "-";
}
