namespace ContactCenter.Sip.Transport;

/// <summary>
/// What the transport hands parsed messages to (the transaction layer implements it). The transport
/// calls it once per message; an exception thrown here is caught, logged and counted by the
/// transport and never stops a listener.
/// </summary>
public interface ISipMessageHandler
{
    /// <summary>Handles one inbound message.</summary>
    ValueTask HandleAsync(SipInboundMessage message, CancellationToken cancellationToken);
}
