using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;

namespace ContactCenter.TestKit;

/// <summary>
/// A port-forwarding NAT in front of a server, on loopback: a datagram sent to <c>public:port</c> is sent on to
/// <c>private:port</c> from a socket of its own per sender (as a NAT maps each flow), and what the server answers on that
/// socket goes back to the sender from <c>public:port</c>. Lets a test give the server a "public" address in 127.0.0.0/8
/// other than the one it binds, and still carry its traffic.
/// </summary>
public sealed class UdpNatForwarder : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly ConcurrentBag<Socket> _sockets = [];
    private readonly ConcurrentBag<Task> _loops = [];
    private long _inbound;
    private long _outbound;

    private UdpNatForwarder()
    {
    }

    /// <summary>Datagrams carried from senders to the server.</summary>
    public long Inbound => Interlocked.Read(ref _inbound);

    /// <summary>Datagrams carried from the server back to senders.</summary>
    public long Outbound => Interlocked.Read(ref _outbound);

    /// <summary>Forwards each of <paramref name="ports"/> from <paramref name="publicAddress"/> to <paramref name="privateAddress"/>.</summary>
    public static UdpNatForwarder Start(IPAddress publicAddress, IPAddress privateAddress, IEnumerable<int> ports)
    {
        var forwarder = new UdpNatForwarder();
        foreach (var port in ports)
        {
            var outside = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
            outside.Bind(new IPEndPoint(publicAddress, port));
            forwarder._sockets.Add(outside);
            forwarder._loops.Add(forwarder.ForwardInAsync(outside, new IPEndPoint(privateAddress, port)));
        }

        return forwarder;
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        foreach (var socket in _sockets)
        {
            socket.Dispose();
        }

        await Task.WhenAll(_loops).ContinueWith(static _ => { }, TaskScheduler.Default);
        _stop.Dispose();
    }

    private async Task ForwardInAsync(Socket outside, IPEndPoint server)
    {
        var flows = new ConcurrentDictionary<IPEndPoint, Socket>();
        var buffer = new byte[65_536];
        while (!_stop.IsCancellationRequested)
        {
            SocketReceiveFromResult received;
            try
            {
                received = await outside.ReceiveFromAsync(buffer, SocketFlags.None, new IPEndPoint(IPAddress.Any, 0), _stop.Token);
            }
            catch (Exception ex) when (ex is OperationCanceledException or ObjectDisposedException or SocketException)
            {
                if (ex is SocketException && !_stop.IsCancellationRequested)
                {
                    continue; // ICMP port unreachable from an earlier send: the loop goes on
                }

                return;
            }

            var sender = (IPEndPoint)received.RemoteEndPoint;
            var inside = flows.GetOrAdd(sender, s =>
            {
                var socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
                socket.Bind(new IPEndPoint(server.Address, 0));
                _sockets.Add(socket);
                _loops.Add(ForwardOutAsync(socket, outside, s));
                return socket;
            });
            await inside.SendToAsync(buffer.AsMemory(0, received.ReceivedBytes), SocketFlags.None, server);
            Interlocked.Increment(ref _inbound);
        }
    }

    private async Task ForwardOutAsync(Socket inside, Socket outside, IPEndPoint sender)
    {
        var buffer = new byte[65_536];
        while (!_stop.IsCancellationRequested)
        {
            try
            {
                var received = await inside.ReceiveFromAsync(buffer, SocketFlags.None, new IPEndPoint(IPAddress.Any, 0), _stop.Token);
                await outside.SendToAsync(buffer.AsMemory(0, received.ReceivedBytes), SocketFlags.None, sender);
                Interlocked.Increment(ref _outbound);
            }
            catch (SocketException) when (!_stop.IsCancellationRequested)
            {
                // ICMP port unreachable for an earlier datagram: keep forwarding
            }
            catch (Exception ex) when (ex is OperationCanceledException or ObjectDisposedException or SocketException)
            {
                return;
            }
        }
    }
}
