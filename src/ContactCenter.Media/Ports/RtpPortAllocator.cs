using System.Diagnostics.CodeAnalysis;
using System.Net;
using System.Net.Sockets;

namespace ContactCenter.Media.Ports;

/// <summary>
/// Hands out RTP/RTCP port pairs (even RTP port, RTCP = RTP + 1, RFC 3550 §11) from the configured range,
/// round robin so a port just freed is not reused at once (late packets of the old call). A pair is only
/// handed out once both sockets are bound, so ports other processes hold are skipped. Thread-safe.
/// </summary>
public sealed class RtpPortAllocator
{
    private readonly Lock _gate = new();
    private readonly IPAddress _address;
    private readonly int _firstPort;
    private readonly bool[] _inUse;
    private readonly IRtpPortCounters? _metrics;
    private int _next;
    private int _count;
    private int _parked;

    /// <summary>Creates an allocator over <paramref name="range"/>, counting into <paramref name="counters"/> when given.</summary>
    public RtpPortAllocator(RtpPortRange range, IRtpPortCounters? counters = null)
    {
        ArgumentNullException.ThrowIfNull(range);
        _address = range.Address;
        _firstPort = range.PortMin + (range.PortMin % 2);
        _inUse = new bool[Math.Max(0, (range.PortMax - _firstPort + 1) / 2)];
        _metrics = counters;
    }

    /// <summary>How many pairs the range holds.</summary>
    public int Capacity => _inUse.Length;

    /// <summary>How many pairs are leased to calls now (pairs kept bound for reuse, parked, are not counted).</summary>
    public int InUse
    {
        get
        {
            lock (_gate)
            {
                return _count - _parked;
            }
        }
    }

    /// <summary>
    /// A leased pair is kept bound for reuse (the relay's warm pairs) instead of being disposed: it stays reserved but is
    /// no longer counted as in use.
    /// </summary>
    internal void Park()
    {
        lock (_gate)
        {
            _parked++;
        }

        _metrics?.PortsLeased(-1);
    }

    /// <summary>A parked pair is leased again (or about to be disposed, which releases it).</summary>
    internal void Unpark()
    {
        lock (_gate)
        {
            _parked--;
        }

        _metrics?.PortsLeased(1);
    }

    /// <summary>
    /// Leases the next free pair whose two ports can both be bound; false when the range is exhausted
    /// (every pair leased or held by someone else). Pairs parked for reuse (<see cref="Park"/>) are closed to make room
    /// first, so a caller of its own (a browser leg's bridge) is never refused for them.
    /// </summary>
    public bool TryAllocate([NotNullWhen(true)] out RtpPortLease? lease)
    {
        // A pair kept warm for reuse (Reclaim) is closed to make room before anyone is refused.
        while (!TryAllocateFree(out lease))
        {
            if (Reclaim?.Invoke() != true)
            {
                _metrics?.PortsExhausted();
                return false;
            }
        }

        return true;
    }

    /// <summary>Closes one parked pair (see <see cref="Park"/>) when the range is used up; false when there is none.</summary>
    internal Func<bool>? Reclaim { get; set; }

    private bool TryAllocateFree([NotNullWhen(true)] out RtpPortLease? lease)
    {
        // The lock only picks and marks a pair; sockets are made and bound outside it, so a call's set-up and
        // another call's clean-up (Release) do not queue behind two bind system calls.
        for (int tried = 0; tried < _inUse.Length; tried++)
        {
            if (!TryReserve(out int index))
            {
                break;
            }

            int port = _firstPort + (2 * index);
            if (TryBind(port, out Socket? rtp) && TryBind(port + 1, out Socket? rtcp, rtp))
            {
                _metrics?.PortsLeased(1);
                lease = new RtpPortLease(this, rtp, rtcp);
                return true;
            }

            Unreserve(index);
        }

        lease = null;
        return false;
    }

    internal void Release(int rtpPort)
    {
        if (Unreserve((rtpPort - _firstPort) / 2))
        {
            _metrics?.PortsLeased(-1);
        }
    }

    /// <summary>Marks the next free pair in round-robin order as leased; false when every pair is.</summary>
    private bool TryReserve(out int index)
    {
        lock (_gate)
        {
            for (int tried = 0; tried < _inUse.Length; tried++)
            {
                index = _next;
                _next = (_next + 1) % _inUse.Length;
                if (!_inUse[index])
                {
                    _inUse[index] = true;
                    _count++;
                    return true;
                }
            }
        }

        index = -1;
        return false;
    }

    private bool Unreserve(int index)
    {
        lock (_gate)
        {
            if (!_inUse[index])
            {
                return false;
            }

            _inUse[index] = false;
            _count--;
            return true;
        }
    }

    private bool TryBind(int port, [NotNullWhen(true)] out Socket? socket, Socket? disposeOnFailure = null)
    {
        socket = null;
        try
        {
            socket = new Socket(_address.AddressFamily, SocketType.Dgram, ProtocolType.Udp); // throws when out of descriptors
            socket.Bind(new IPEndPoint(_address, port));
            return true;
        }
        catch (SocketException)
        {
            socket?.Dispose();
            disposeOnFailure?.Dispose();
            socket = null;
            return false;
        }
    }
}
