using ContactCenter.Media.Rtp;

namespace ContactCenter.Media.Relay;

/// <summary>
/// The RTCP of one endpoint, terminated at the relay (RFC 3550 §6) instead of passed through: each leg gets
/// reports about the streams it really exchanges with us - an SR for the continuous stream we send it (our SSRC,
/// our packet and octet counts) with a reception report block for what it sends us, and an SDES CNAME - and
/// its own reports are read here (what it lost of our stream, its jitter, the round trip) rather than handed to
/// the other leg, whose SSRCs they would not name.
/// </summary>
internal sealed class EndpointRtcp(TimeProvider time, string cname)
{
    private const int ClockRate = 8_000;

    private readonly Lock _gate = new();
    private uint _packetsSent;
    private uint _octetsSent;
    private bool _sentSinceReport;
    private uint _lastTimestamp;
    private long _lastSentAt;
    private uint _remoteLastSenderReport;
    private long _remoteSenderReportAt;
    private RtcpRemoteView? _remote;

    /// <summary>The far end's last report about our stream, or null.</summary>
    public RtcpRemoteView? Remote
    {
        get
        {
            lock (_gate)
            {
                return _remote;
            }
        }
    }

    /// <summary>Counts an RTP packet sent to the leg: its timestamp in our stream and its payload length (from the rewrite, not parsed again).</summary>
    public void OnRtpSent(uint timestamp, int payloadLength)
    {
        lock (_gate)
        {
            _packetsSent++;
            _octetsSent += (uint)payloadLength;
            _sentSinceReport = true;
            _lastTimestamp = timestamp;
            _lastSentAt = time.GetTimestamp();
        }
    }

    /// <summary>Writes our next compound report (SR or RR, then SDES) into <paramref name="destination"/>; returns its length.</summary>
    public int WriteReport(Span<byte> destination, uint ssrc, RtpReceiveStatistics received)
    {
        var now = time.GetUtcNow();
        long nowStamp = time.GetTimestamp();
        RtcpSenderInfo? sender;
        uint lsr;
        uint dlsr;
        lock (_gate)
        {
            ulong ntp = RtcpReportWriter.ToNtp(now);
            sender = _sentSinceReport
                ? new RtcpSenderInfo(ntp, _lastTimestamp + (uint)(time.GetElapsedTime(_lastSentAt, nowStamp).TotalSeconds * ClockRate),
                    _packetsSent, _octetsSent)
                : null;
            _sentSinceReport = false;
            lsr = _remoteLastSenderReport;
            dlsr = lsr == 0 ? 0 : (uint)Math.Min(uint.MaxValue, time.GetElapsedTime(_remoteSenderReportAt, nowStamp).TotalSeconds * 65_536);
        }

        return RtcpReportWriter.Write(destination, ssrc, sender, received.TakeReportBlock(lsr, dlsr), cname);
    }

    /// <summary>Reads an RTCP datagram from the leg; returns the report about our stream it carried, if any.</summary>
    public RtcpRemoteView? OnReceived(ReadOnlySpan<byte> datagram, uint ourSsrc)
    {
        var reader = new RtcpCompoundReader(datagram);
        RtcpRemoteView? about = null;
        while (reader.TryReadNext(out RtcpHeader header, out ReadOnlySpan<byte> packet))
        {
            if (header.PacketType == RtcpPacketType.SenderReport && RtcpSenderInfo.TryRead(packet, out RtcpSenderInfo info))
            {
                lock (_gate)
                {
                    _remoteLastSenderReport = RtcpReportWriter.Middle32(info.NtpTimestamp);
                    _remoteSenderReportAt = time.GetTimestamp();
                }
            }

            if (header.PacketType is RtcpPacketType.SenderReport or RtcpPacketType.ReceiverReport)
            {
                foreach (RtcpReportBlock block in RtcpReportBlock.ReadAll(packet))
                {
                    if (block.Ssrc == ourSsrc)
                    {
                        about = View(block);
                    }
                }
            }
        }

        if (about is not null)
        {
            lock (_gate)
            {
                _remote = about;
            }
        }

        return about;
    }

    private RtcpRemoteView View(RtcpReportBlock block)
    {
        var now = time.GetUtcNow();
        TimeSpan? roundTrip = null;
        if (block.LastSenderReport != 0)
        {
            // RFC 3550 §6.4.1: A - LSR - DLSR, all in 1/65536 s; a negative result (clock trouble) is no measurement.
            int units = (int)(RtcpReportWriter.Middle32(RtcpReportWriter.ToNtp(now)) - block.LastSenderReport - block.DelaySinceLastSenderReport);
            roundTrip = units >= 0 ? TimeSpan.FromSeconds(units / 65_536.0) : null;
        }

        return new RtcpRemoteView(block.FractionLost / 256.0, block.CumulativeLost, TimeSpan.FromSeconds(block.Jitter / (double)ClockRate),
            roundTrip, now);
    }
}
