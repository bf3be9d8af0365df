namespace ContactCenter.Sip.Transport;

/// <summary>The transport protocol of a SIP hop (RFC 3261 §18).</summary>
public enum SipTransportProtocol
{
    /// <summary>Unreliable datagrams: transactions retransmit (Timers A, E, G).</summary>
    Udp,

    /// <summary>Reliable stream: no retransmission, Content-Length framing, connection reuse.</summary>
    Tcp,

    /// <summary>TCP inside TLS (RFC 3261 §26.2.1, port 5061 by default): reliable like TCP, the stream encrypted.</summary>
    Tls,

    /// <summary>SIP over WebSocket (RFC 7118): one SIP message per WebSocket message, on a connection a browser opened.</summary>
    Ws,

    /// <summary>SIP over secure WebSocket (RFC 7118, <c>wss:</c>): as <see cref="Ws"/>, inside TLS.</summary>
    Wss,
}
