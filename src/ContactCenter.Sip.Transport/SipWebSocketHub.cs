using System.Net.WebSockets;
using ContactCenter.Sip.Syntax;

namespace ContactCenter.Sip.Transport;

/// <summary>
/// The open SIP-over-WebSocket connections of one transport (RFC 7118), in a connection table with the same per-source
/// and total limits as TCP. We never open a WebSocket ourselves: a request toward a browser goes over the connection it
/// registered through, or fails (the browser is gone).
/// </summary>
internal sealed class SipWebSocketHub(SipWebSocketServices services)
{
    private readonly SipConnectionTable<SipWebSocketConnection> _connections =
        new(services.Options.MaxConnections, services.Options.MaxConnectionsPerSource);

    private SipEndPoint? _lastLocal;

    /// <summary>The number of open connections.</summary>
    public int Count => _connections.Count;

    /// <summary>Our end of the most recent connection, as <paramref name="protocol"/> (the HTTP listener the browsers reach), if any.</summary>
    public SipEndPoint? LocalFor(SipTransportProtocol protocol) => Volatile.Read(ref _lastLocal) is { } local ? local with { Protocol = protocol } : null;

    /// <summary>Runs one connection until it closes; returns why it closed (or was refused).</summary>
    public async Task<string> RunAsync(WebSocket socket, SipEndPoint remote, SipEndPoint local, CancellationToken stopping)
    {
        var connection = new SipWebSocketConnection(socket, remote, local, services);
        if (_connections.TryAdd(connection) is { } refused)
        {
            services.Metrics.ConnectionRefused(refused);
            services.Logger.ConnectionRefused(remote, refused);
            await connection.CloseAsync(WebSocketCloseStatus.PolicyViolation, refused, stopping);
            return refused;
        }

        Volatile.Write(ref _lastLocal, local);
        services.Metrics.ConnectionOpened();
        services.Logger.ConnectionOpened(remote, "inbound");
        var reason = CloseReasons.Error;
        try
        {
            reason = await connection.RunAsync(stopping);
            return reason;
        }
        finally
        {
            _connections.Remove(connection);
            services.Metrics.ConnectionClosed(reason);
            services.Logger.ConnectionClosed(remote, reason);
        }
    }

    /// <summary>Sends over the live connection with <paramref name="remote"/>; false when there is none.</summary>
    public ValueTask<bool> SendAsync(SipMessage message, SipEndPoint remote, CancellationToken cancellationToken) =>
        _connections.Find(remote) is { } connection ? connection.SendAsync(message, cancellationToken) : ValueTask.FromResult(false);

    /// <summary>Closes every connection (the transport is stopping).</summary>
    public Task CloseAllAsync(CancellationToken cancellationToken) =>
        Task.WhenAll(_connections.Snapshot().Select(c => c.CloseAsync(WebSocketCloseStatus.EndpointUnavailable, CloseReasons.Stopping, cancellationToken)));
}
