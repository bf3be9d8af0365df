using ContactCenter.Sdp.OfferAnswer;

namespace ContactCenter.Sessions;

/// <summary>
/// The session port: how the call engine starts legs and learns of arriving calls, in call terms. The SIP session layer
/// (ContactCenter.Sip.UserAgents) implements it; the engine uses it; the host composes the two. Nothing SIP crosses it.
/// </summary>
public interface ILegSessionPort : ILegArrivals
{
    /// <summary>Starts an outbound leg: rings <see cref="LegOffer.Target"/>; what follows arrives at <paramref name="events"/>.</summary>
    /// <returns>The leg, at once (ringing, answer or failure follow as events).</returns>
    ILegSession Offer(LegOffer offer, ILegEvents events);

    /// <summary>
    /// How the media of a leg offered to <paramref name="target"/> is protected (SDES-SRTP, RFC 4568): SRTP keys go only
    /// to targets whose signalling is encrypted (TLS); <see cref="SdpSrtpMode.Require"/> when the target must use SRTP.
    /// </summary>
    SdpSrtpMode MediaSecurity(LegTarget target) => SdpSrtpMode.Off;

    /// <summary>
    /// The audio formats a leg offered to <paramref name="target"/> may use, in preference order (<see cref="LegCodecs"/>
    /// names; a trunk's codec list); empty for the engine's default.
    /// </summary>
    IReadOnlyList<string> MediaCodecs(LegTarget target) => [];

    /// <summary>
    /// Whether the SDP of a leg offered to <paramref name="target"/> names the relay's public media address (its signalling
    /// uses a listener with a public address, behind NAT) rather than the local one (a listener serving the LAN).
    /// </summary>
    bool PublicMediaAddress(LegTarget target) => true;
}
