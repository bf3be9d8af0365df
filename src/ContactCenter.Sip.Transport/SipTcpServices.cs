using ContactCenter.Sip.Syntax.Framing;
using Microsoft.Extensions.Logging;

namespace ContactCenter.Sip.Transport;

/// <summary>What every TCP and TLS connection of one transport shares (<see cref="Tls"/> is null when TLS is off).</summary>
internal sealed record SipTcpServices(
    SipTransportOptions Options,
    SipStreamFramer Framer,
    SipInboundProcessor Processor,
    SipConnectionTable<SipTcpConnection> Connections,
    SipTransportMetrics Metrics,
    TimeProvider Time,
    ILogger Logger,
    ILogger Trace,
    SipTlsSecurity? Tls);
