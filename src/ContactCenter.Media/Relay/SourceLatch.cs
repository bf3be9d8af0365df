using System.Net;
using System.Net.Sockets;

namespace ContactCenter.Media.Relay;

/// <summary>
/// Where one socket of an endpoint sends to, and which source it accepts: symmetric RTP (RFC 4961) with
/// latching. Until a packet arrives the destination is the address from SDP; the first eligible packet
/// latches the destination to its real source address (which differs from SDP behind NAT). Afterwards a
/// packet from another address takes over only if it is eligible and the latched source has been quiet
/// for the re-latch gap. With <paramref name="knownAddressesOnly"/>, only sources whose IP address is known (the
/// SDP address given to <see cref="Reset"/>, and those added by <see cref="Allow"/>) may latch at all, and a latched
/// leg re-latches only to a new port of the same address (a NAT rebinding), never to another address. Accept is called only from the socket's receive loop; Reset and Allow from anywhere.
/// </summary>
internal sealed class SourceLatch(TimeProvider time, TimeSpan relatchGap, bool knownAddressesOnly)
{
    private readonly Lock _gate = new();
    private volatile IPAddress[] _known = [];
    private volatile Destination? _destination;
    private volatile bool _latched;
    private volatile Refusal? _refused;
    private long _lastFromLatched;

    public Destination? Current => _destination;

    public bool IsLatched => _latched;

    /// <summary>Sends to <paramref name="endPoint"/> until a packet latches; forgets any latch; its address becomes known.</summary>
    public void Reset(IPEndPoint? endPoint)
    {
        if (endPoint is not null)
        {
            Allow(endPoint.Address);
        }

        _destination = endPoint is null ? null : new Destination(endPoint.Serialize(), endPoint);
        _latched = false;
    }

    /// <summary>
    /// Until <paramref name="until"/> (a <see cref="TimeProvider.GetTimestamp"/>), <paramref name="source"/> may not latch the
    /// unlatched leg unless it is the destination from SDP: the peer of the leg that held the port before, whose late
    /// packets (a carrier sends every call's media from one address) must not take the next call's stream.
    /// </summary>
    public void Refuse(SocketAddress source, long until) => _refused = new Refusal(source, until);

    /// <summary>Lets RTP from <paramref name="address"/> latch too (e.g. the signalling source of a phone behind NAT).</summary>
    public void Allow(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        var normal = address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;
        if (normal.Equals(IPAddress.Any) || normal.Equals(IPAddress.IPv6Any))
        {
            return; // c=0.0.0.0 (hold) names nobody
        }

        lock (_gate)
        {
            if (!_known.Contains(normal))
            {
                _known = [.. _known, normal];
            }
        }
    }

    /// <summary>Whether a packet from <paramref name="from"/> is accepted; latches when it should.</summary>
    /// <param name="from">The packet's source.</param>
    /// <param name="eligible">Whether the packet may latch (valid RTP of a negotiated payload type, or RTCP).</param>
    /// <param name="now">The arrival, from <see cref="TimeProvider.GetTimestamp"/>.</param>
    /// <param name="previous">The destination replaced by a re-latch, else null.</param>
    /// <param name="latched">The new destination if this packet latched, else null.</param>
    public bool TryAccept(SocketAddress from, bool eligible, long now, out Destination? previous, out Destination? latched)
    {
        previous = null;
        latched = null;
        Destination? current = _destination;
        if (_latched && current is not null && current.Address.Equals(from))
        {
            _lastFromLatched = now;
            return true;
        }

        if (!eligible || (_latched && time.GetElapsedTime(_lastFromLatched, now) < relatchGap))
        {
            return false;
        }

        if (!_latched && _refused is { } refused && now < refused.Until && refused.Source.Equals(from) && current?.Address.Equals(from) != true)
        {
            return false; // a late packet of the call that held this port before
        }

        var address = new SocketAddress(from.Family, from.Size);
        from.Buffer.Span[..from.Size].CopyTo(address.Buffer.Span);
        var endPoint = (IPEndPoint)new IPEndPoint(IPAddress.Any, 0).Create(address);
        if (knownAddressesOnly && (!IsKnown(endPoint.Address) || (_latched && current is not null && !current.EndPoint.Address.Equals(endPoint.Address))))
        {
            return false; // an unknown address never latches; once latched, only the port may change (a NAT rebinding)
        }

        previous = _latched ? current : null;
        latched = new Destination(address, endPoint);
        _destination = latched;
        _latched = true;
        _lastFromLatched = now;
        return true;
    }

    private bool IsKnown(IPAddress address)
    {
        var normal = address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;
        foreach (var known in _known)
        {
            if (known.Equals(normal))
            {
                return true;
            }
        }

        return false;
    }

    private sealed record Refusal(SocketAddress Source, long Until);

    /// <summary>A send destination: the socket address used on the wire and its endpoint for display.</summary>
    internal sealed record Destination(SocketAddress Address, IPEndPoint EndPoint);
}
