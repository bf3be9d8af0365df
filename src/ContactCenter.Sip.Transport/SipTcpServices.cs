using ContactCenter.Sip.Syntax.Framing;
using Microsoft.Extensions.Logging;

namespace ContactCenter.Sip.Transport;

/// <summary>What every TCP connection of one transport shares.</summary>
internal sealed record SipTcpServices(
    SipTransportOptions Options,
    SipStreamFramer Framer,
    SipInboundProcessor Processor,
    SipConnectionTable Connections,
    SipTransportMetrics Metrics,
    TimeProvider Time,
    ILogger Logger,
    ILogger Trace);
