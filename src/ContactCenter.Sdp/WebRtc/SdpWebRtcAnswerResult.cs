using ContactCenter.Sdp.OfferAnswer;

namespace ContactCenter.Sdp.WebRtc;

/// <summary>The answer to a browser's offer: our SDP, the agreed audio, and the browser's transport (ICE credentials, fingerprint, candidates).</summary>
/// <param name="Status">Accepted, or why not.</param>
/// <param name="Answer">Our answer when accepted.</param>
/// <param name="Audio">The agreed audio stream (send with its first codec; RTCP is on the RTP port).</param>
/// <param name="Remote">The browser's transport of the accepted stream.</param>
public sealed record SdpWebRtcAnswerResult(SdpAnswerStatus Status, SdpSession? Answer, SdpNegotiatedAudio? Audio, SdpWebRtcTransport? Remote)
{
    /// <summary>Whether the offer was accepted.</summary>
    public bool IsAccepted => Status == SdpAnswerStatus.Accepted;
}
