namespace ContactCenter.Media.Relay;

/// <summary>A snapshot of one endpoint's counters.</summary>
/// <param name="PacketsReceived">Datagrams received on the RTP and RTCP ports, accepted or not.</param>
/// <param name="BytesReceived">Their bytes.</param>
/// <param name="PacketsSent">Datagrams sent.</param>
/// <param name="BytesSent">Their bytes.</param>
/// <param name="PacketsLost">RTP packets missing by sequence gaps (late arrivals filling a gap are taken back).</param>
/// <param name="PacketsRejected">Datagrams dropped on receipt: not RTP/RTCP, or from an address other than the latched one.</param>
/// <param name="LastPacketAt">When the last accepted RTP packet arrived; null before the first.</param>
/// <param name="Jitter">RFC 3550 §6.4.1 inter-arrival jitter of the received audio; zero if not measured.</param>
/// <param name="Remote">The leg's last RTCP report about the stream we send it (its loss, jitter, round trip), or null.</param>
public readonly record struct MediaEndpointStatistics(
    long PacketsReceived,
    long BytesReceived,
    long PacketsSent,
    long BytesSent,
    long PacketsLost,
    long PacketsRejected,
    DateTimeOffset? LastPacketAt,
    TimeSpan Jitter,
    RtcpRemoteView? Remote = null);
