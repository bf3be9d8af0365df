using System.Net;

namespace ContactCenter.Sip.Transport;

/// <summary>A transport address: protocol plus IP end point (what RFC 3261 §18 sends to and receives from).</summary>
public sealed record SipEndPoint(SipTransportProtocol Protocol, IPEndPoint EndPoint)
{
    /// <summary>True for stream transports, where the transaction layer does not retransmit.</summary>
    public bool IsReliable => Protocol != SipTransportProtocol.Udp;

    /// <summary>The Via transport token (<c>UDP</c>, <c>TCP</c>, <c>TLS</c>).</summary>
    public string ViaTransport => Protocol switch
    {
        SipTransportProtocol.Tcp => "TCP",
        SipTransportProtocol.Tls => "TLS",
        _ => "UDP",
    };

    /// <inheritdoc />
    public override string ToString() => $"{ViaTransport.ToLowerInvariant()}:{EndPoint}";
}
