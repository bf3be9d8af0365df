namespace ContactCenter.Sip.Transport;

/// <summary>
/// Holds a peer's TCP or TLS connection open while something above the transport needs it (a registration made over it:
/// the phone behind NAT is reached only through it). Connections nobody holds close after
/// <see cref="SipTransportOptions.TcpIdleTimeout"/> without a SIP message, keep-alive pings or not.
/// </summary>
public interface ISipConnectionHolds
{
    /// <summary>Keeps the connection with <paramref name="remote"/>, if there is one, open until at least <paramref name="until"/>.</summary>
    void HoldOpenUntil(SipEndPoint remote, DateTimeOffset until);
}
