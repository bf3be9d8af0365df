using ContactCenter.Media.Ports;
using Microsoft.Extensions.Logging;

namespace ContactCenter.Media.Relay;

/// <summary>
/// The relay's port pairs kept bound and receiving between calls (issue #14; <see cref="MediaOptions.WarmPortPairs"/>,
/// at most half the range): a leg's pair goes back here when the leg ends and the next leg takes the pair that has rested
/// longest, once it has rested <see cref="MediaOptions.WarmPortRest"/> (what arrives meanwhile meets no leg, and the next
/// leg refuses the old leg's source until it latches, see <see cref="SourceLatch.Refuse"/>). When no pair has rested a
/// new one is bound; when the range is used up the allocator closes the oldest parked pair to make room (for browser legs
/// too), never handing out one that has not rested. Thread-safe.
/// </summary>
internal sealed class WarmPortPairs : IDisposable
{
    private readonly RtpPortAllocator _ports;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly int _capacity;
    private readonly TimeSpan _rest;
    private readonly Lock _gate = new();
    private readonly Queue<(ReceivingPair Pair, long ParkedAt)> _parked = new();
    private bool _disposed;

    public WarmPortPairs(RtpPortAllocator ports, TimeProvider time, ILogger logger, int capacity, TimeSpan rest)
    {
        (_ports, _time, _logger, _capacity, _rest) = (ports, time, logger, Math.Min(capacity, ports.Capacity / 2), rest);
        ports.Reclaim = CloseOldest;
    }

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

    /// <summary>A pair for a new leg: one that has rested, else a new one; false when the range is used up.</summary>
    public bool TryTake(out ReceivingPair? pair)
    {
        while ((pair = Unpark(restedOnly: true)) is not null)
        {
            if (pair.Healthy)
            {
                return true;
            }

            pair.Dispose(); // a socket failed while parked
        }

        if (_ports.TryAllocate(out var lease))
        {
            pair = new ReceivingPair(lease, _time, _logger);
            return true;
        }

        return false;
    }

    /// <summary>Takes back a leg's pair: parked while there is room and it is healthy, else closed.</summary>
    public void Return(ReceivingPair pair)
    {
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

    // The allocator's range is used up: the pair parked longest is closed (its ports freed), rested or not.
    private bool CloseOldest()
    {
        var pair = Unpark(restedOnly: false);
        pair?.Dispose();
        return pair is not null;
    }

    // Takes the pair parked longest (only once it has rested, with restedOnly), or null.
    private ReceivingPair? Unpark(bool restedOnly)
    {
        lock (_gate)
        {
            if (!_parked.TryPeek(out var head) || (restedOnly && _time.GetElapsedTime(head.ParkedAt) < _rest))
            {
                return null;
            }

            _parked.Dequeue();
            _ports.Unpark();
            return head.Pair;
        }
    }
}
