using ContactCenter.Sip.Syntax;

namespace ContactCenter.Sip.Transport;

/// <summary>
/// Sends SIP messages over UDP or TCP (RFC 3261 §18). Over TCP an existing connection to the
/// destination (one the peer opened to us included) is reused; otherwise one is opened.
/// </summary>
public interface ISipTransport
{
    /// <summary>The end points the transport listens on, one per protocol.</summary>
    IReadOnlyList<SipEndPoint> LocalEndPoints { get; }

    /// <summary>The local end point to put in Via/Contact for messages sent with <paramref name="protocol"/>.</summary>
    SipEndPoint GetLocalEndPoint(SipTransportProtocol protocol);

    /// <summary>
    /// Sends <paramref name="message"/> to <paramref name="destination"/>. Fails (returns false, logs and
    /// counts) when the destination cannot be reached, e.g. no TCP connection could be made; the
    /// transaction layer then acts as on a transport error (RFC 3261 §17.1.4).
    /// </summary>
    ValueTask<bool> SendAsync(SipMessage message, SipEndPoint destination, CancellationToken cancellationToken);
}
