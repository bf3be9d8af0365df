using ContactCenter.Sdp;
using ContactCenter.Sip.Transport;

namespace ContactCenter.Sip.UserAgents.Sessions;

/// <summary>
/// A port for contacts that cannot take the engine's offer as it is (a browser registered over WebSocket takes only
/// WebRTC media): the host plugs in an adapter that stands between the engine's media and the contact's. Asked once for
/// each INVITE branch of a placed leg.
/// </summary>
public interface IBranchMediaGateway
{
    /// <summary>
    /// Media for the branch toward <paramref name="destination"/> (the contact's transport and address), or null when the
    /// branch takes <paramref name="offer"/> unchanged. <paramref name="available"/> is false when the branch needs an
    /// adapter and none can be had now (no free media port): the branch is not sent.
    /// </summary>
    IBranchMedia? Open(SdpSession offer, SipEndPoint destination, out bool available);
}
