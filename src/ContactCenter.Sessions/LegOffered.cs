using ContactCenter.Sdp;
using ContactCenter.Sdp.OfferAnswer;

namespace ContactCenter.Sessions;

/// <summary>
/// A call arrived (an event): the session layer has authenticated it when it had to and agreed its session timer; the
/// engine answers, rings or rejects it through the <see cref="ILegSession"/> it comes with.
/// </summary>
/// <param name="CallerNumber">Who calls: the caller's number or the calling agent's extension.</param>
/// <param name="DialedNumber">The number called.</param>
/// <param name="Media">The caller's media offer, or null for a late offer (ours then goes in the answer).</param>
/// <param name="Agent">The authenticated extension when an agent's phone calls, else null (a trunk call).</param>
public sealed record LegOffered(string CallerNumber, string DialedNumber, SdpSession? Media, string? Agent)
{
    /// <summary>The caller's display name, if it sent one.</summary>
    public string? CallerName { get; init; }

    /// <summary>True when an agent's phone calls and <see cref="DialedNumber"/> is another extension (an internal call).</summary>
    public bool DialedIsExtension { get; init; }

    /// <summary>The address the call's signalling came from: media may come from there too (a phone behind NAT).</summary>
    public System.Net.IPAddress? Source { get; init; }

    /// <summary>The trunk (by name) a carrier's call came in on; null for an agent's call.</summary>
    public string? Trunk { get; init; }

    /// <summary>
    /// The number the caller dialled as the carrier names it in To, when it differs from <see cref="DialedNumber"/> (a
    /// carrier that delivers to our registered contact keeps the DID there); else null.
    /// </summary>
    public string? ToNumber { get; init; }

    /// <summary>The leg this call replaces (an attended transfer completed by the caller, RFC 3891), or null.</summary>
    public ILegSession? Replaces { get; init; }

    /// <summary>
    /// How the leg's media is protected (SDES-SRTP, RFC 4568): <see cref="SdpSrtpMode.Off"/> (signalling in clear) offers
    /// plain RTP but still answers an SRTP offer with SRTP; <see cref="SdpSrtpMode.Allow"/> (signalling over TLS) also
    /// offers keys; <see cref="SdpSrtpMode.Require"/> (an extension that must use TLS and SRTP) refuses plain media.
    /// </summary>
    public SdpSrtpMode Srtp { get; init; }

    /// <summary>
    /// The audio formats the leg may use, in preference order (<see cref="LegCodecs"/> names: the trunk's codec list); empty
    /// for the engine's default. An offer with none of them is refused (488).
    /// </summary>
    public IReadOnlyList<string> Codecs { get; init; } = [];

    /// <summary>
    /// Whether our SDP names the relay's public media address (the call arrived on a listener with a public address, behind
    /// NAT); false: the local one (a listener serving the LAN).
    /// </summary>
    public bool PublicMediaAddress { get; init; } = true;
}
