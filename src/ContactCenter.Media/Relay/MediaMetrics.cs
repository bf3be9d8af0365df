using System.Diagnostics.Metrics;
using ContactCenter.Media.Ports;

namespace ContactCenter.Media.Relay;

/// <summary>The project's one <see cref="Meter"/> (<c>ContactCenter.Media</c>) and its instruments.</summary>
public sealed class MediaMetrics : IRtpPortCounters
{
    /// <summary>The meter name.</summary>
    public const string MeterName = "ContactCenter.Media";

    /// <summary>Tag: why a packet was dropped.</summary>
    public const string ReasonTag = "reason";

    private readonly Counter<long> _packetsReceived;
    private readonly Counter<long> _packetsSent;
    private readonly Counter<long> _bytesReceived;
    private readonly Counter<long> _bytesSent;
    private readonly Counter<long> _dropped;
    private readonly Counter<long> _transcoded;
    private readonly Counter<long> _latches;
    private readonly UpDownCounter<long> _portsLeased;
    private readonly Counter<long> _portsExhausted;
    private readonly UpDownCounter<long> _bridges;
    private readonly Counter<long> _silenceTimeouts;
    private readonly Counter<long> _receiveFailures;
    private readonly Counter<long> _rtcpSent;
    private readonly Counter<long> _rtcpReceived;
    private readonly Histogram<double> _remoteLoss;
    private readonly Histogram<double> _roundTrip;

    /// <summary>Creates the instruments on a meter from <paramref name="meterFactory"/>.</summary>
    public MediaMetrics(IMeterFactory meterFactory)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        Meter meter = meterFactory.Create(MeterName);
        _packetsReceived = meter.CreateCounter<long>("contactcenter.media.packets_received", "{packet}", "RTP and RTCP packets received on relay ports.");
        _packetsSent = meter.CreateCounter<long>("contactcenter.media.packets_sent", "{packet}", "RTP and RTCP packets sent from relay ports.");
        _bytesReceived = meter.CreateCounter<long>("contactcenter.media.bytes_received", "By", "Bytes received on relay ports.");
        _bytesSent = meter.CreateCounter<long>("contactcenter.media.bytes_sent", "By", "Bytes sent from relay ports.");
        _dropped = meter.CreateCounter<long>("contactcenter.media.packets_dropped", "{packet}", "Packets received but not relayed, by reason.");
        _transcoded = meter.CreateCounter<long>("contactcenter.media.packets_transcoded", "{packet}", "RTP packets converted between PCMU and PCMA.");
        _latches = meter.CreateCounter<long>("contactcenter.media.latches", "{latch}", "Times an endpoint latched (or re-latched) onto a source address.");
        _portsLeased = meter.CreateUpDownCounter<long>("contactcenter.media.port_pairs", "{pair}", "RTP/RTCP port pairs in use.");
        _portsExhausted = meter.CreateCounter<long>("contactcenter.media.port_exhaustions", "{request}", "Port requests refused because the range was exhausted.");
        _bridges = meter.CreateUpDownCounter<long>("contactcenter.media.bridges", "{bridge}", "Active media bridges.");
        _silenceTimeouts = meter.CreateCounter<long>("contactcenter.media.silence_timeouts", "{bridge}", "Bridges that saw no RTP for the silence timeout.");
        _rtcpSent = meter.CreateCounter<long>("contactcenter.media.rtcp_reports_sent", "{report}", "RTCP reports the relay sent to legs.");
        _rtcpReceived = meter.CreateCounter<long>("contactcenter.media.rtcp_reports_received", "{report}", "RTCP reception reports legs sent about the relay's streams.");
        _remoteLoss = meter.CreateHistogram<double>("contactcenter.media.remote_fraction_lost", "1", "Share of the relay's packets a leg reported lost in its last RTCP interval.");
        _roundTrip = meter.CreateHistogram<double>("contactcenter.media.round_trip", "ms", "Round trip to a leg measured from its RTCP reports.");
        _receiveFailures = meter.CreateCounter<long>("contactcenter.media.receive_failures", "{packet}", "Packets whose handling threw.");
    }

    internal void Received(int bytes)
    {
        _packetsReceived.Add(1);
        _bytesReceived.Add(bytes);
    }

    internal void Sent(int bytes)
    {
        _packetsSent.Add(1);
        _bytesSent.Add(bytes);
    }

    internal void Dropped(string reason) => _dropped.Add(1, new KeyValuePair<string, object?>(ReasonTag, reason));

    internal void Transcoded() => _transcoded.Add(1);

    internal void RtcpReportSent() => _rtcpSent.Add(1);

    internal void RtcpReportReceived(RtcpRemoteView report)
    {
        _rtcpReceived.Add(1);
        _remoteLoss.Record(report.FractionLost);
        if (report.RoundTrip is { } roundTrip)
        {
            _roundTrip.Record(roundTrip.TotalMilliseconds);
        }
    }

    internal void Latched() => _latches.Add(1);

    /// <inheritdoc />
    void IRtpPortCounters.PortsLeased(int delta) => _portsLeased.Add(delta);

    /// <inheritdoc />
    void IRtpPortCounters.PortsExhausted() => _portsExhausted.Add(1);

    internal void BridgeOpened() => _bridges.Add(1);

    internal void BridgeClosed() => _bridges.Add(-1);

    internal void SilenceTimedOut() => _silenceTimeouts.Add(1);

    internal void ReceiveFailed() => _receiveFailures.Add(1);
}
