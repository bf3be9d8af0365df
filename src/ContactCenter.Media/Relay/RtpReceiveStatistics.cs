namespace ContactCenter.Media.Relay;

/// <summary>
/// Loss by sequence gaps and RFC 3550 §6.4.1 / A.8 inter-arrival jitter of one received stream.
/// Written only from the endpoint's receive loop; read from anywhere.
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

    public long Lost => Volatile.Read(ref _lost);

    /// <summary>The jitter in timestamp units.</summary>
    public double Jitter => Volatile.Read(ref _jitter);

    public void Update(uint ssrc, ushort sequence)
    {
        if (!_started || ssrc != _ssrc)
        {
            _started = true;
            _ssrc = ssrc;
            _highest = sequence;
            _haveTransit = false;
            return;
        }

        int delta = (short)(sequence - _highest);
        if (delta > 0)
        {
            if (delta > 1 && delta < MaxDropout)
            {
                Volatile.Write(ref _lost, _lost + delta - 1);
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
