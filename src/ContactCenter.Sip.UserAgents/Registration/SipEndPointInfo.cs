using System.Net;

namespace ContactCenter.Sip.UserAgents.Registration;

/// <summary>
/// Where a request actually came from: the transport and the packet's source address and port
/// (RFC 3261 §18.2.1 received, RFC 3581 rport), so requests can be sent back through a NAT.
/// </summary>
/// <param name="Transport">The transport, upper case: <c>UDP</c>, <c>TCP</c>, <c>TLS</c>, <c>WS</c>, <c>WSS</c>.</param>
/// <param name="Address">The source IP address.</param>
/// <param name="Port">The source port.</param>
public sealed record SipEndPointInfo(string Transport, IPAddress Address, int Port)
{
    /// <summary>The source as an <see cref="IPEndPoint"/>.</summary>
    public IPEndPoint EndPoint => new(Address, Port);

    /// <inheritdoc/>
    public override string ToString() => $"{Transport}:{EndPoint}";
}
