using ContactCenter.Sdp.OfferAnswer;
using ContactCenter.Sessions;

namespace ContactCenter.Sip.UserAgents.Sessions;

/// <summary>The session port over SIP: arriving calls from <see cref="ServerInviteSessions"/>, placed legs through <see cref="ClientInviteSessions"/>.</summary>
public sealed class SipLegSessionPort(ServerInviteSessions arrivals, ClientInviteSessions placed) : ILegSessionPort
{
    /// <inheritdoc />
    public void Accept(Func<ILegSession, LegOffered, ILegEvents> onOffered) => arrivals.Accept(onOffered);

    /// <inheritdoc />
    public ILegSession Offer(LegOffer offer, ILegEvents events) => placed.Offer(offer, events);

    /// <inheritdoc />
    public SdpSrtpMode MediaSecurity(LegTarget target) => placed.MediaSecurity(target);

    /// <inheritdoc />
    public IReadOnlyList<string> MediaCodecs(LegTarget target) => placed.MediaCodecs(target);

    /// <inheritdoc />
    public bool PublicMediaAddress(LegTarget target) => placed.PublicMediaAddress(target);
}
