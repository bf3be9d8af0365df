using ContactCenter.Media.Rtp;

namespace ContactCenter.Media.Relay;

/// <summary>
/// Loss by sequence gaps and RFC 3550 §6.4.1 / A.8 inter-arrival jitter of one received stream.
/// Written only from the endpoint's receive loop; read from anywhere. Also keeps RFC 3550 A.3's counts (packets
/// received and expected, sequence cycles) for the reception report block the endpoint's RTCP sends.
/// </summary>
internal sealed class RtpReceiveStatistics
{
    // RFC 3550 A.1: jumps larger than this are a restart or a new sender, not loss.
    private const int MaxDropout = 3_000;
    private const int MaxMisorder = 100;

    private uint _ssrc;
    private bool _started;
    private ushort _highest;
    private long _lost;
    private bool _haveTransit;
    private double _lastArrival;
    private uint _lastTimestamp;
    private double _jitter;
    private readonly Lock _countsGate = new();
    private uint _cycles;
    private ushort _baseSequence;
    private long _received;
    private long _expectedPrior;
    private long _receivedPrior;

    public long Lost => Volatile.Read(ref _lost);

    /// <summary>The jitter in timestamp units.</summary>
    public double Jitter => Volatile.Read(ref _jitter);

    public void Update(uint ssrc, ushort sequence)
    {
        lock (_countsGate)
        {
            UpdateCounts(ssrc, sequence);
        }
    }

    /// <summary>
    /// The reception report block for the stream received so far (RFC 3550 A.3), and the start of the next interval
    /// for the fraction lost; null before any RTP arrived.
    /// </summary>
    public RtcpReportBlock? TakeReportBlock(uint lastSenderReport, uint delaySinceLastSenderReport)
    {
        lock (_countsGate)
        {
            if (!_started)
            {
                return null;
            }

            uint extendedHighest = _cycles + _highest;
            long expected = extendedHighest - _baseSequence + 1L;
            long expectedInterval = expected - _expectedPrior;
            long receivedInterval = _received - _receivedPrior;
            long lostInterval = expectedInterval - receivedInterval;
            _expectedPrior = expected;
            _receivedPrior = _received;
            byte fraction = expectedInterval == 0 || lostInterval <= 0 ? (byte)0 : (byte)Math.Min(255, (lostInterval << 8) / expectedInterval);
            return new RtcpReportBlock(_ssrc, fraction, (int)Math.Clamp(expected - _received, -0x800000, 0x7FFFFF), extendedHighest,
                (uint)Jitter, lastSenderReport, delaySinceLastSenderReport);
        }
    }

    private void UpdateCounts(uint ssrc, ushort sequence)
    {
        if (!_started || ssrc != _ssrc)
        {
            _started = true;
            _ssrc = ssrc;
            _highest = sequence;
            _baseSequence = sequence;
            _cycles = 0;
            _received = 1;
            _expectedPrior = 0;
            _receivedPrior = 0;
            _haveTransit = false;
            return;
        }

        _received++;
        int delta = (short)(sequence - _highest);
        if (delta > 0)
        {
            if (delta > 1 && delta < MaxDropout)
            {
                Volatile.Write(ref _lost, _lost + delta - 1);
            }

            if (sequence < _highest)
            {
                _cycles += 1u << 16; // the 16-bit sequence number wrapped
            }

            _highest = sequence;
        }
        else if (delta < 0 && delta > -MaxMisorder && _lost > 0)
        {
            Volatile.Write(ref _lost, _lost - 1); // a late packet fills a gap counted as lost
        }
    }

    /// <summary>
    /// RFC 3550 A.8: J += (|D| - J) / 16, with D the change in transit time, in timestamp units. D is taken as
    /// the arrival difference minus the timestamp difference, which survives timestamp wrap-around.
    /// </summary>
    /// <param name="timestamp">The packet's RTP timestamp.</param>
    /// <param name="arrival">The arrival time in timestamp units.</param>
    public void UpdateJitter(uint timestamp, double arrival)
    {
        if (_haveTransit)
        {
            double d = Math.Abs(arrival - _lastArrival - (int)(timestamp - _lastTimestamp));
            Volatile.Write(ref _jitter, _jitter + ((d - _jitter) / 16));
        }

        _lastArrival = arrival;
        _lastTimestamp = timestamp;
        _haveTransit = true;
    }
}
