namespace ContactCenter.Sdp.OfferAnswer;

/// <summary>The outcome of answering an offer, or of reading the answer to our offer.</summary>
/// <param name="Status">Whether an audio stream was agreed.</param>
/// <param name="Answer">The answer to send (null when reading a peer's answer, or when there is no common codec).</param>
/// <param name="Audio">The agreed audio stream, when <paramref name="Status"/> is <see cref="SdpAnswerStatus.Accepted"/>.</param>
public sealed record SdpAnswerResult(SdpAnswerStatus Status, SdpSession? Answer, SdpNegotiatedAudio? Audio)
{
    /// <summary>Whether an audio stream was agreed.</summary>
    public bool IsAccepted => Status == SdpAnswerStatus.Accepted;
}

/// <summary>Offer/answer outcomes.</summary>
public enum SdpAnswerStatus
{
    /// <summary>An audio stream was agreed.</summary>
    Accepted,

    /// <summary>No audio stream has a codec both sides support: answer the INVITE with 488 Not Acceptable Here.</summary>
    NoCommonCodec,

    /// <summary>The answer does not match the offer (wrong number of media lines, RFC 3264 §6).</summary>
    InvalidAnswer,
}
