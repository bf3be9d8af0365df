namespace ContactCenter.Sip.Transport;

/// <summary>The transport protocol of a SIP hop (RFC 3261 §18).</summary>
public enum SipTransportProtocol
{
    /// <summary>Unreliable datagrams: transactions retransmit (Timers A, E, G).</summary>
    Udp,

    /// <summary>Reliable stream: no retransmission, Content-Length framing, connection reuse.</summary>
    Tcp,
}
