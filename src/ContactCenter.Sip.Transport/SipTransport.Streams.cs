using System.Net;
using System.Net.Sockets;
using ContactCenter.Sip.Syntax;
using Microsoft.Extensions.Logging;

namespace ContactCenter.Sip.Transport;

/// <summary>The transport's TCP/TLS side: sending over a connection (reused or opened) and accepting connections.</summary>
public sealed partial class SipTransport
{
    private async ValueTask<bool> SendStreamAsync(SipMessage message, SipEndPoint destination, CancellationToken cancellationToken)
    {
        if (message.Bytes.Length > _options.MaxMessageBytes)
        {
            return Fail(message, destination, "larger than MaxMessageBytes");
        }

        var connection = _connections.Find(destination)
            ?? await _connecting.GetOrAdd(destination, d => new Lazy<Task<SipTcpConnection?>>(() => ConnectAsync(d))).Value.WaitAsync(cancellationToken);
        if (connection is null)
        {
            return Fail(message, destination, "no connection");
        }

        return await connection.SendAsync(message, cancellationToken) || Fail(message, destination, "write failed");
    }

    private async Task<SipTcpConnection?> ConnectAsync(SipEndPoint destination)
    {
        await Task.Yield();
        var remote = destination.EndPoint;
        Socket? socket = null;
        try
        {
            if (_connections.CheckLimits(remote) is { } refused)
            {
                _metrics.ConnectionRefused(refused);
                _logger.ConnectionRefused(destination, refused);
                return null;
            }

            socket = new Socket(remote.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            if (remote.AddressFamily == _listenAddress.AddressFamily && !_listenAddress.Equals(IPAddress.Any) && !_listenAddress.Equals(IPAddress.IPv6Any))
            {
                socket.Bind(new IPEndPoint(_listenAddress, 0));
            }

            using (var timeout = new CancellationTokenSource(_options.TcpConnectTimeout, _time))
            using (var linked = CancellationTokenSource.CreateLinkedTokenSource(timeout.Token, _stopping.Token))
            {
                await socket.ConnectAsync(remote, linked.Token);
            }

            var local = new SipEndPoint(destination.Protocol, (IPEndPoint)socket.LocalEndPoint!);
            Stream? secured = null;
            if (destination.Protocol == SipTransportProtocol.Tls)
            {
                var network = new NetworkStream(socket, ownsSocket: true);
                socket = null; // the stream owns it now
                try
                {
                    secured = await _tls!.ConnectAsync(network, remote, _time, _stopping.Token);
                }
                catch (System.Security.Authentication.AuthenticationException ex)
                {
                    _logger.TlsPeerRejected(destination, ex.Message);
                    await network.DisposeAsync();
                    return null;
                }
                catch
                {
                    await network.DisposeAsync();
                    throw;
                }

                socket = network.Socket;
            }

            var connection = new SipTcpConnection(socket!, destination, local, inbound: false, _tcp!, secured);
            socket = null;
            if (_connections.TryAdd(connection) is { } refusedLate)
            {
                _metrics.ConnectionRefused(refusedLate);
                _logger.ConnectionRefused(destination, refusedLate);
                connection.Close(refusedLate);
            }

            connection.Start(_stopping.Token);
            return connection.IsClosing ? null : connection;
        }
        catch (Exception ex) when (ex is SocketException or IOException or OperationCanceledException or ObjectDisposedException)
        {
            return null;
        }
        finally
        {
            socket?.Dispose();
            _connecting.TryRemove(destination, out _);
        }
    }

    private async Task AcceptAsync(Socket listener, SipEndPoint local, CancellationToken cancellationToken)
    {
        await Task.Yield();
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                var socket = await listener.AcceptAsync(cancellationToken);
                socket.NoDelay = true;
                var remote = new SipEndPoint(local.Protocol, ViaStamping.Normalize((IPEndPoint)socket.RemoteEndPoint!));
                if (_connections.CheckLimits(remote.EndPoint) is { } refused)
                {
                    _metrics.ConnectionRefused(refused);
                    _logger.ConnectionRefused(remote, refused);
                    socket.Close(0);
                    continue;
                }

                var connection = new SipTcpConnection(socket, remote, local, inbound: true, _tcp!);
                if (_connections.TryAdd(connection) is { } refusedLate)
                {
                    // Lost a race for the last slot: the loop starts only to close and clean up.
                    _metrics.ConnectionRefused(refusedLate);
                    _logger.ConnectionRefused(remote, refusedLate);
                    connection.Close(refusedLate);
                }

                connection.Start(cancellationToken);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (ObjectDisposedException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
#pragma warning disable CA1031 // An accept loop never dies from one failed accept.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                _logger.ReceiveLoopFailed(ex, local.Protocol, local);
            }
        }
    }
}
