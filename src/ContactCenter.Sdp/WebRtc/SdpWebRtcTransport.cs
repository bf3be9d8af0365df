using System.Diagnostics.CodeAnalysis;

namespace ContactCenter.Sdp.WebRtc;

/// <summary>
/// What a WebRTC media description says about its transport: ICE credentials (RFC 8839 §5.4), candidates, the DTLS
/// fingerprint and role (RFC 8122, RFC 5763), RTP/RTCP multiplexing (RFC 5761 §5.1.1) and the media id (RFC 5888).
/// Session-level ice-ufrag/ice-pwd/fingerprint/ice-lite apply where the media level has none.
/// </summary>
public sealed record SdpWebRtcTransport(string IceUfrag, string IcePassword, SdpFingerprint Fingerprint, SdpSetupRole Setup)
{
    /// <summary>The SRTP-over-DTLS RTP profile with feedback (RFC 5764 §8, RFC 5124).</summary>
    public const string Protocol = "UDP/TLS/RTP/SAVPF";

    /// <summary>The candidates given (end-of-candidates or not; trickled ones come later).</summary>
    public EquatableArray<SdpIceCandidate> Candidates { get; init; }

    /// <summary><c>a=rtcp-mux</c>: RTCP on the RTP port.</summary>
    public bool RtcpMux { get; init; }

    /// <summary><c>a=mid</c>, when present.</summary>
    public string? Mid { get; init; }

    /// <summary><c>a=ice-lite</c> at session level: the peer is a lite agent.</summary>
    public bool IceLite { get; init; }

    /// <summary>
    /// Reads the transport of <paramref name="media"/> in <paramref name="session"/>; false when something a WebRTC
    /// endpoint must send is missing (ufrag, password, a fingerprint, a known setup role).
    /// </summary>
    public static bool TryRead(SdpSession session, SdpMedia media, [NotNullWhen(true)] out SdpWebRtcTransport? transport)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(media);
        transport = null;
        var ufrag = Value(session, media, "ice-ufrag");
        var password = Value(session, media, "ice-pwd");
        if (ufrag is not { Length: >= 4 and <= 256 } || password is not { Length: >= 22 and <= 256 }
            || !SdpFingerprint.TryParse(Value(session, media, SdpFingerprint.AttributeName), out var fingerprint)
            || ParseSetup(Value(session, media, "setup") ?? "actpass") is not { } setup)
        {
            return false;
        }

        var candidates = media.Attributes
            .Where(a => a.Name == SdpIceCandidate.AttributeName)
            .Select(a => SdpIceCandidate.TryParse(a.Value, out var c) ? c : null)
            .OfType<SdpIceCandidate>();
        transport = new SdpWebRtcTransport(ufrag, password, fingerprint, setup)
        {
            Candidates = [.. candidates],
            RtcpMux = media.Attributes.Find("rtcp-mux") is not null,
            Mid = media.Attributes.Find("mid")?.Value,
            IceLite = session.Attributes.Find("ice-lite") is not null,
        };
        return true;
    }

    /// <summary>The attribute value of a setup role.</summary>
    public static string Format(SdpSetupRole role) => role switch
    {
        SdpSetupRole.Active => "active",
        SdpSetupRole.Passive => "passive",
        SdpSetupRole.HoldConn => "holdconn",
        _ => "actpass",
    };

    private static SdpSetupRole? ParseSetup(string value) => value.ToLowerInvariant() switch
    {
        "active" => SdpSetupRole.Active,
        "passive" => SdpSetupRole.Passive,
        "actpass" => SdpSetupRole.ActPass,
        "holdconn" => SdpSetupRole.HoldConn,
        _ => null,
    };

    private static string? Value(SdpSession session, SdpMedia media, string name) =>
        media.Attributes.Find(name)?.Value ?? session.Attributes.Find(name)?.Value;
}
