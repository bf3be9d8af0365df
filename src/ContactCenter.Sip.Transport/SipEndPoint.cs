using System.Net;

namespace ContactCenter.Sip.Transport;

/// <summary>A transport address: protocol plus IP end point (what RFC 3261 §18 sends to and receives from).</summary>
public sealed record SipEndPoint(SipTransportProtocol Protocol, IPEndPoint EndPoint)
{
    /// <summary>True for stream transports, where the transaction layer does not retransmit.</summary>
    public bool IsReliable => Protocol != SipTransportProtocol.Udp;

    /// <summary>The Via transport token (<c>UDP</c>, <c>TCP</c>, <c>TLS</c>, <c>WS</c>, <c>WSS</c>).</summary>
    public string ViaTransport => Protocol switch
    {
        SipTransportProtocol.Tcp => "TCP",
        SipTransportProtocol.Tls => "TLS",
        SipTransportProtocol.Ws => "WS",
        SipTransportProtocol.Wss => "WSS",
        _ => "UDP",
    };

    /// <summary>The <c>transport</c> URI parameter for this protocol (<c>tcp</c>, <c>tls</c>, <c>ws</c>, <c>wss</c>), or null for UDP, the default.</summary>
    public string? UriTransport => UriTransportOf(Protocol);

    /// <inheritdoc />
    public override string ToString() => $"{ViaTransport.ToLowerInvariant()}:{EndPoint}";

    /// <summary>
    /// The protocol a transport token names (a Via's or a URI's <c>transport</c>, any case: <c>UDP</c>, <c>TCP</c>,
    /// <c>TLS</c>, <c>WS</c>, <c>WSS</c>), or null for anything else (SCTP, absent).
    /// </summary>
    public static SipTransportProtocol? ParseTransport(string? token) => token?.ToUpperInvariant() switch
    {
        "UDP" => SipTransportProtocol.Udp,
        "TCP" => SipTransportProtocol.Tcp,
        "TLS" => SipTransportProtocol.Tls,
        "WS" => SipTransportProtocol.Ws,
        "WSS" => SipTransportProtocol.Wss,
        _ => null,
    };

    /// <summary>The <c>transport</c> URI parameter value for <paramref name="protocol"/>, or null for UDP.</summary>
    public static string? UriTransportOf(SipTransportProtocol protocol) => protocol switch
    {
        SipTransportProtocol.Tcp => "tcp",
        SipTransportProtocol.Tls => "tls",
        SipTransportProtocol.Ws => "ws",
        SipTransportProtocol.Wss => "wss",
        _ => null,
    };
}
