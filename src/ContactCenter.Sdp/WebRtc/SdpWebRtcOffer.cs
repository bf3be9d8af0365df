using ContactCenter.Sdp.OfferAnswer;

namespace ContactCenter.Sdp.WebRtc;

/// <summary>
/// Our offer to a browser (the engine rings an agent's browser phone) and the reading of its answer: one audio stream over
/// UDP/TLS/RTP/SAVPF, we ICE-lite with one host candidate, <c>a=setup:actpass</c> (the browser answers <c>active</c> and
/// becomes the DTLS client, RFC 5763 §5), rtcp-mux, BUNDLE of mid 0, our codecs in our order.
/// </summary>
public static class SdpWebRtcOffer
{
    /// <summary>The mid of our one stream.</summary>
    public const string Mid = "0";

    /// <summary>Makes the offer.</summary>
    public static SdpSession Create(SdpWebRtcLocal local, SdpOriginTracker origin)
    {
        ArgumentNullException.ThrowIfNull(local);
        ArgumentNullException.ThrowIfNull(origin);
        if (local.Codecs.IsEmpty)
        {
            throw new ArgumentException("At least one codec is needed to make an offer.", nameof(local));
        }

        var media = SdpWebRtcAnswer.Describe(local, "audio", SdpWebRtcTransport.Protocol, Mid, [.. local.Codecs], local.Direction, SdpSetupRole.ActPass);
        return origin.Stamp(new SdpSession(origin.Current, local.SessionName)
        {
            Connection = SdpConnection.FromAddress(local.Address),
            Attributes = [new SdpAttribute("ice-lite"), new SdpAttribute("group", "BUNDLE " + Mid)],
            Media = [media],
        });
    }

    /// <summary>
    /// Reads the browser's <paramref name="answer"/> to our <paramref name="offer"/> (RFC 3264 §7): accepted when its one
    /// m-line kept the stream (port not 0, UDP/TLS/RTP/SAVPF, rtcp-mux), names ICE credentials and a fingerprint, takes
    /// <c>a=setup:active</c> (we are the DTLS server), and has a codec of ours. <see cref="SdpWebRtcAnswerResult.Answer"/> is null.
    /// </summary>
    public static SdpWebRtcAnswerResult ProcessAnswer(SdpSession offer, SdpSession answer, SdpWebRtcLocal local)
    {
        ArgumentNullException.ThrowIfNull(offer);
        ArgumentNullException.ThrowIfNull(answer);
        ArgumentNullException.ThrowIfNull(local);
        if (answer.Media.Count != offer.Media.Count || answer.Media.Count == 0)
        {
            return new SdpWebRtcAnswerResult(SdpAnswerStatus.InvalidAnswer, null, null, null);
        }

        var answered = answer.Media[0];
        if (!SdpWebRtcAnswer.IsWebRtcAudio(answered) || !SdpWebRtcTransport.TryRead(answer, answered, out var transport)
            || !transport.RtcpMux || transport.Setup != SdpSetupRole.Active)
        {
            return new SdpWebRtcAnswerResult(SdpAnswerStatus.InvalidAnswer, null, null, null);
        }

        return SdpWebRtcAnswer.Negotiate(answer, 0, local) is { } audio
            ? new SdpWebRtcAnswerResult(SdpAnswerStatus.Accepted, null, audio, transport)
            : new SdpWebRtcAnswerResult(SdpAnswerStatus.NoCommonCodec, null, null, null);
    }
}
