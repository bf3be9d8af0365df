using System.Net;

namespace ContactCenter.Sip.Transport;

/// <summary>
/// The open TCP and TLS connections (or WebSocket connections), keyed by protocol and remote end point (inbound and outbound
/// alike, so a response or a request to a peer reuses the connection it opened), with the per-source and total limits.
/// </summary>
internal sealed class SipConnectionTable<TConnection>(int maxConnections, int maxConnectionsPerSource)
    where TConnection : class, ISipConnection
{
    private readonly Lock _lock = new();
    private readonly Dictionary<SipEndPoint, TConnection> _byRemote = [];
    private readonly Dictionary<IPAddress, int> _perSource = [];

    /// <summary>The number of open connections.</summary>
    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _byRemote.Count;
            }
        }
    }

    /// <summary>Null when a new connection with <paramref name="remote"/> is within the limits; otherwise why not.</summary>
    public string? CheckLimits(IPEndPoint remote)
    {
        lock (_lock)
        {
            return CheckLimitsLocked(remote);
        }
    }

    /// <summary>Adds a connection; returns null, or why it was refused (limit reached, duplicate end point).</summary>
    public string? TryAdd(TConnection connection)
    {
        var remote = connection.Remote.EndPoint;
        lock (_lock)
        {
            if (CheckLimitsLocked(remote) is { } refused)
            {
                return refused;
            }

            if (!_byRemote.TryAdd(connection.Remote, connection))
            {
                return "duplicate_end_point";
            }

            _perSource[remote.Address] = _perSource.GetValueOrDefault(remote.Address) + 1;
            return null;
        }
    }

    /// <summary>Removes a connection (no-op when it is not the one held for its end point).</summary>
    public void Remove(TConnection connection)
    {
        var remote = connection.Remote.EndPoint;
        lock (_lock)
        {
            if (!_byRemote.TryGetValue(connection.Remote, out var held) || !ReferenceEquals(held, connection))
            {
                return;
            }

            _byRemote.Remove(connection.Remote);
            var count = _perSource[remote.Address] - 1;
            if (count == 0)
            {
                _perSource.Remove(remote.Address);
            }
            else
            {
                _perSource[remote.Address] = count;
            }
        }
    }

    /// <summary>The live connection with <paramref name="remote"/> (protocol and end point), if any.</summary>
    public TConnection? Find(SipEndPoint remote)
    {
        lock (_lock)
        {
            return _byRemote.TryGetValue(remote, out var connection) && !connection.IsClosing ? connection : null;
        }
    }

    /// <summary>A copy of the open connections.</summary>
    public TConnection[] Snapshot()
    {
        lock (_lock)
        {
            return [.. _byRemote.Values];
        }
    }

    private string? CheckLimitsLocked(IPEndPoint remote)
    {
        if (_byRemote.Count >= maxConnections)
        {
            return "max_connections";
        }

        return _perSource.GetValueOrDefault(remote.Address) >= maxConnectionsPerSource ? "max_connections_per_source" : null;
    }
}
