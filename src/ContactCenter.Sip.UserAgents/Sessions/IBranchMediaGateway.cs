using ContactCenter.Sdp;
using ContactCenter.Sip.Transport;

namespace ContactCenter.Sip.UserAgents.Sessions;

/// <summary>
/// A port for peers that cannot speak the engine's media (a browser registered over WebSocket takes only WebRTC): the
/// host plugs in an adapter that stands between the engine's media and the peer's. Asked for each INVITE branch of a leg
/// we place, and for each INVITE that arrives with an offer.
/// </summary>
public interface IBranchMediaGateway
{
    /// <summary>
    /// We place a leg: media for the branch toward <paramref name="destination"/> (the contact's transport and address),
    /// whose <see cref="IBranchMedia.Offer"/> the contact gets in place of the engine's <paramref name="offer"/>; null when
    /// the branch takes <paramref name="offer"/> unchanged. <paramref name="available"/> is false when the branch needs an
    /// adapter and none can be had now (no free media port): the branch is not sent.
    /// </summary>
    IBranchMedia? Open(SdpSession offer, SipEndPoint destination, out bool available);

    /// <summary>
    /// A call arrives from <paramref name="source"/> with <paramref name="offer"/>: media whose <see cref="IBranchMedia.Offer"/>
    /// the engine gets in its place; null when the engine takes <paramref name="offer"/> as it is. <paramref name="available"/>
    /// is false when an adapter is needed and none can be had now (the call is refused as overloaded).
    /// </summary>
    IBranchMedia? Accept(SdpSession offer, SipEndPoint source, out bool available);
}
