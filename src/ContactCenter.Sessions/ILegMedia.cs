using ContactCenter.Sdp;
using ContactCenter.Sdp.OfferAnswer;

namespace ContactCenter.Sessions;

/// <summary>
/// A leg's media as the session layer asks it (RFC 3264): our current description, and our answer to the peer's new
/// offer (the media takes the agreed format and address when it accepts). Implemented by the engine's media.
/// </summary>
public interface ILegMedia
{
    /// <summary>Our current description, or null before one was agreed.</summary>
    SdpSession? Local { get; }

    /// <summary>Answers <paramref name="offer"/>; the result tells whether it was accepted and whether the peer holds the call.</summary>
    SdpAnswerResult Answer(SdpSession offer);

    /// <summary>Reads the peer's answer to our offer (a late offer's ACK); false when it agrees on nothing usable.</summary>
    bool AcceptAnswer(SdpSession answer);
}
