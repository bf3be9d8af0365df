using ContactCenter.Media.Ports;

namespace ContactCenter.Media.Relay;

/// <summary>
/// The relay's port pairs kept bound and receiving between calls (issue #14; <see cref="MediaOptions.WarmPortPairs"/>):
/// a leg's pair goes back here when the leg ends and the next leg takes the pair that has rested longest, once it has
/// rested <see cref="MediaOptions.WarmPortRest"/> (late packets of the old call meet no leg; the new leg's latch checks
/// apply as on a new socket). When no pair has rested long enough a new one is bound; when the range is used up a parked
/// pair is taken anyway rather than refusing the call. Thread-safe.
/// </summary>
internal sealed class WarmPortPairs : IDisposable
{
    private readonly RtpPortAllocator _ports;
    private readonly TimeProvider _time;
    private readonly int _capacity;
    private readonly TimeSpan _rest;
    private readonly Lock _gate = new();
    private readonly Queue<(ReceivingPair Pair, long ParkedAt)> _parked = new();
    private bool _disposed;

    public WarmPortPairs(RtpPortAllocator ports, TimeProvider time, int capacity, TimeSpan rest) =>
        (_ports, _time, _capacity, _rest) = (ports, time, capacity, rest);

    /// <summary>How many pairs are parked now.</summary>
    public int Parked
    {
        get
        {
            lock (_gate)
            {
                return _parked.Count;
            }
        }
    }

    /// <summary>A pair for a new leg; false when the range is used up and nothing is parked.</summary>
    public bool TryTake(out ReceivingPair? pair)
    {
        if ((pair = Unpark(rested: true)) is not null)
        {
            return true;
        }

        if (_ports.TryAllocate(out var lease))
        {
            pair = new ReceivingPair(lease);
            return true;
        }

        return (pair = Unpark(rested: false)) is not null;
    }

    /// <summary>Takes back a leg's pair: parked while there is room and it is healthy, else closed.</summary>
    public void Return(ReceivingPair pair)
    {
        pair.Detach();
        lock (_gate)
        {
            if (!_disposed && _parked.Count < _capacity && pair.Healthy)
            {
                _parked.Enqueue((pair, _time.GetTimestamp()));
                _ports.Park();
                return;
            }
        }

        pair.Dispose();
    }

    /// <summary>Closes every parked pair (the relay's end); pairs returned later are closed.</summary>
    public void Dispose()
    {
        List<ReceivingPair> closing;
        lock (_gate)
        {
            _disposed = true;
            closing = [.. _parked.Select(p => p.Pair)];
            _parked.Clear();
            foreach (var _ in closing)
            {
                _ports.Unpark();
            }
        }

        foreach (var pair in closing)
        {
            pair.Dispose();
        }
    }

    private ReceivingPair? Unpark(bool rested)
    {
        while (true)
        {
            ReceivingPair pair;
            lock (_gate)
            {
                if (!_parked.TryPeek(out var head) || (rested && _time.GetElapsedTime(head.ParkedAt) < _rest))
                {
                    return null;
                }

                _parked.Dequeue();
                _ports.Unpark();
                pair = head.Pair;
            }

            if (pair.Healthy)
            {
                return pair;
            }

            pair.Dispose(); // a socket failed while parked
        }
    }
}
