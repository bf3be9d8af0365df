using Microsoft.Extensions.Logging;

namespace ContactCenter.Sip.Transport;

/// <summary>What every SIP-over-WebSocket connection of one transport shares.</summary>
internal sealed record SipWebSocketServices(
    SipTransportOptions Options,
    SipInboundProcessor Processor,
    SipTransportMetrics Metrics,
    TimeProvider Time,
    ILogger Logger,
    ILogger Trace);
