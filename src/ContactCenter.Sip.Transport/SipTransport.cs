using System.Buffers;
using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Net.WebSockets;
using ContactCenter.Sip.Syntax;
using ContactCenter.Sip.Syntax.Framing;
using ContactCenter.Sip.Syntax.Headers;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ContactCenter.Sip.Transport;

/// <summary>
/// The SIP transport layer (RFC 3261 §18, RFC 3581): one UDP socket, one TCP listener and, when configured, one
/// TLS listener (RFC 3261 §26.2.1) on <see cref="SipTransportOptions.ListenAddress"/>. Received messages are parsed, Via-stamped and handed to
/// the <see cref="ISipMessageHandler"/> from a bounded queue; malformed requests are answered when they can
/// be. Start it as a hosted service (or call <see cref="StartAsync"/>/<see cref="StopAsync"/>).
/// </summary>
public sealed partial class SipTransport : ISipTransport, ISipConnectionHolds, IHostedService, IAsyncDisposable
{
    private const int UdpSendTimeoutMilliseconds = 250; // see SendUdp
    private readonly SipTransportOptions _options;
    private readonly SipTransportMetrics _metrics;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly ILogger _trace;
    private readonly SipDispatcher _dispatcher;
    private readonly SipConnectionTable<SipTcpConnection> _connections;
    private readonly ConcurrentDictionary<SipEndPoint, Lazy<Task<SipTcpConnection?>>> _connecting = new();
    private readonly CancellationTokenSource _stopping = new();
    private readonly IPAddress _listenAddress;
    private SipTcpServices? _tcp;
    private SipWebSocketHub? _webSockets;
    private Socket? _udpSocket;
    private Socket? _tcpListener;
    private Socket? _tlsListener;
    private SipTlsSecurity? _tls;
    private SipEndPoint? _udpLocal;
    private SipEndPoint? _tcpLocal;
    private SipEndPoint? _tlsLocal;
    private Task _loops = Task.CompletedTask;
    private int _state; // 0 new, 1 started, 2 stopped

    /// <summary>Creates a transport that hands received messages to <paramref name="handler"/>.</summary>
    public SipTransport(IOptions<SipTransportOptions> options, ISipMessageHandler handler, SipTransportMetrics metrics,
        TimeProvider time, ILoggerFactory loggerFactory)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(handler);
        ArgumentNullException.ThrowIfNull(metrics);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(loggerFactory);
        _options = options.Value;
        _metrics = metrics;
        _time = time;
        _logger = loggerFactory.CreateLogger<SipTransport>();
        _trace = loggerFactory.CreateLogger(SipTransportLog.TraceCategory);
        _listenAddress = IPAddress.Parse(_options.ListenAddress);
        _dispatcher = new SipDispatcher(handler, _options.DispatchQueueCapacity, _options.DispatchConcurrency, metrics, time, _logger,
            _options.DispatchInline);
        _connections = new SipConnectionTable<SipTcpConnection>(_options.MaxConnections, _options.MaxConnectionsPerSource);
    }

    /// <inheritdoc/>
    public IReadOnlyList<SipEndPoint> LocalEndPoints => _udpLocal is { } udp && _tcpLocal is { } tcp
        ? _tlsLocal is { } tls ? [udp, tcp, tls] : [udp, tcp]
        : [];

    /// <inheritdoc/>
    public void HoldOpenUntil(SipEndPoint remote, DateTimeOffset until)
    {
        ArgumentNullException.ThrowIfNull(remote);
        _connections.Find(remote)?.HoldUntil(until);
    }

    /// <summary>The number of open TCP connections.</summary>
    public int ConnectionCount => _connections.Count;

    /// <summary>The number of open SIP-over-WebSocket connections.</summary>
    public int WebSocketCount => _webSockets?.Count ?? 0;

    /// <inheritdoc/>
    public SipEndPoint GetLocalEndPoint(SipTransportProtocol protocol) =>
        protocol switch
        {
            SipTransportProtocol.Tcp => Advertised(_tcpLocal),
            SipTransportProtocol.Tls => Advertised(_tlsLocal) ?? (_udpLocal is null ? null : throw new InvalidOperationException("SIP over TLS is not configured (Sip:Transport:Tls:Port).")),
            SipTransportProtocol.Ws or SipTransportProtocol.Wss => _webSockets?.LocalFor(protocol)
                ?? (_udpLocal is null ? null : throw new InvalidOperationException("No browser has connected over SIP-over-WebSocket yet.")),
            _ => Advertised(_udpLocal),
        }
        ?? throw new InvalidOperationException("The SIP transport is not started.");

    // Behind NAT (Sip:Transport:PublicAddress, or the listener's own in PublicAddresses) Via and Contact name the public
    // address, with the listener's port.
    private SipEndPoint? Advertised(SipEndPoint? local) =>
        local is null || _options.PublicAddressFor(local.Protocol) is not { } advertised ? local : new SipEndPoint(local.Protocol, new IPEndPoint(advertised, local.EndPoint.Port));

    /// <summary>Loads the TLS certificate, binds the UDP socket and the TCP (and TLS) listeners, and starts receiving.</summary>
    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (Interlocked.CompareExchange(ref _state, 1, 0) != 0)
        {
            throw new InvalidOperationException("The SIP transport can be started once.");
        }

        try
        {
            _udpSocket = new Socket(_listenAddress.AddressFamily, SocketType.Dgram, ProtocolType.Udp)
            {
                ReceiveBufferSize = _options.UdpReceiveBufferBytes,
                // Sends are synchronous (see SendUdp): a kernel queue that stays full this long fails the send (counted and
                // logged; SIP retransmits) rather than holding the thread that sends.
                SendTimeout = UdpSendTimeoutMilliseconds,
            };
            _udpSocket.Bind(new IPEndPoint(_listenAddress, _options.UdpPort));
            _udpLocal = new SipEndPoint(SipTransportProtocol.Udp, (IPEndPoint)_udpSocket.LocalEndPoint!);

            _tcpListener = new Socket(_listenAddress.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
            _tcpListener.Bind(new IPEndPoint(_listenAddress, _options.TcpPort));
            _tcpListener.Listen(512);
            _tcpLocal = new SipEndPoint(SipTransportProtocol.Tcp, (IPEndPoint)_tcpListener.LocalEndPoint!);

            _tls = SipTlsSecurity.Load(_options.Tls);
            if (_options.Tls.Port is { } tlsPort)
            {
                _tlsListener = new Socket(_listenAddress.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
                _tlsListener.Bind(new IPEndPoint(_listenAddress, tlsPort));
                _tlsListener.Listen(512);
                _tlsLocal = new SipEndPoint(SipTransportProtocol.Tls, (IPEndPoint)_tlsListener.LocalEndPoint!);
            }
        }
        catch (Exception ex) when (ex is SocketException or InvalidOperationException)
        {
            // A port in use or an unreadable certificate fails the start (and the host) saying why; nothing stays bound.
            Volatile.Write(ref _state, 2);
            _udpSocket?.Dispose();
            _tcpListener?.Dispose();
            _tlsListener?.Dispose();
            _tls?.Dispose();
            _udpLocal = _tcpLocal = _tlsLocal = null;
            throw;
        }

        var processor = new SipInboundProcessor(_options, _dispatcher, _metrics, _time, _logger, _trace, OurHosts());
        _webSockets = new SipWebSocketHub(new SipWebSocketServices(_options, processor, _metrics, _time, _logger, _trace));
        _tcp = new SipTcpServices(_options, new SipStreamFramer(_options.ParserLimits), processor, _connections, _metrics, _time, _logger, _trace, _tls);
        _dispatcher.Start();

        var loops = new List<Task>();
        for (var i = 0; i < _options.UdpReceiveLoops; i++)
        {
            loops.Add(StartUdpReceiveLoop(_udpSocket, processor, i, _stopping.Token));
        }

        loops.Add(AcceptAsync(_tcpListener, _tcpLocal, _stopping.Token));
        if (_tlsListener is not null)
        {
            loops.Add(AcceptAsync(_tlsListener, _tlsLocal!, _stopping.Token));
        }

        _loops = Task.WhenAll(loops);
        if (_tlsLocal is { } tlsLocal)
        {
            _logger.ListeningWithTls(_udpLocal, _tcpLocal, tlsLocal);
        }
        else
        {
            _logger.Listening(_udpLocal, _tcpLocal);
        }
        return Task.CompletedTask;
    }

    /// <summary>Stops accepting, closes the sockets and connections, and lets queued messages finish within the shutdown bound.</summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (Interlocked.Exchange(ref _state, 2) != 1)
        {
            return;
        }

        if (_webSockets is not null)
        {
            // RFC 6455 §7.1.2: our close frame first; cancelling a receive would abort the WebSocket without one.
            await _webSockets.CloseAllAsync(cancellationToken);
        }

        await _stopping.CancelAsync();
        _tcpListener?.Dispose();
        _tlsListener?.Dispose();
        _udpSocket?.Dispose();
        var connections = _connections.Snapshot();
        foreach (var connection in connections)
        {
            connection.Close(CloseReasons.Stopping);
        }

        var closing = Task.WhenAll([_loops, .. connections.Select(c => c.Completion)]);
        await closing.WaitAsync(_options.ShutdownTimeout, _time, cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        await _dispatcher.StopAsync(_options.ShutdownTimeout, cancellationToken);
        _logger.Stopped();
    }

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        await StopAsync(CancellationToken.None);
        _dispatcher.Dispose();
        _stopping.Dispose();
        _tls?.Dispose();
    }

    /// <inheritdoc/>
    public async ValueTask<bool> SendAsync(SipMessage message, SipEndPoint destination, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(destination);
        if (Volatile.Read(ref _state) != 1)
        {
            return Fail(message, destination, "transport not running");
        }

        var remote = ViaStamping.Normalize(destination.EndPoint);
        if (destination.Protocol is SipTransportProtocol.Ws or SipTransportProtocol.Wss)
        {
            // RFC 7118 §5: only over the connection the browser opened; we cannot open one toward it.
            return await _webSockets!.SendAsync(message, destination with { EndPoint = remote }, cancellationToken) || Fail(message, destination, "no connection");
        }

        if (destination.IsReliable)
        {
            return await SendStreamAsync(message, destination with { EndPoint = remote }, cancellationToken);
        }

        if (_options.PreferTcpForLargeRequests && message is SipRequest request && message.Bytes.Length > _options.LargeRequestThreshold
            && await SendStreamAsync(WithTopViaTransport(request, GetLocalEndPoint(SipTransportProtocol.Tcp)),
                new SipEndPoint(SipTransportProtocol.Tcp, remote), cancellationToken))
        {
            // RFC 3261 §18.1.1: a large request goes over a congestion-controlled transport, its top Via saying so.
            return true;
        }

        return SendUdp(message, new SipEndPoint(SipTransportProtocol.Udp, remote));
    }

    /// <summary>
    /// Carries SIP over a WebSocket the HTTP host accepted with the <c>sip</c> subprotocol (RFC 7118), until the browser
    /// closes it or the transport stops: its messages go to the same handler as UDP/TCP/TLS ones, with a source of
    /// <paramref name="remote"/> (protocol WS or WSS), and requests to that source go back over it. Returns why it closed.
    /// </summary>
    public async Task<string> RunWebSocketAsync(WebSocket socket, SipEndPoint remote, SipEndPoint local, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(socket);
        ArgumentNullException.ThrowIfNull(remote);
        ArgumentNullException.ThrowIfNull(local);
        if (remote.Protocol is not (SipTransportProtocol.Ws or SipTransportProtocol.Wss) || local.Protocol != remote.Protocol)
        {
            throw new ArgumentException("A WebSocket connection's end points are WS or WSS, both the same.", nameof(remote));
        }

        if (Volatile.Read(ref _state) != 1 || _webSockets is null)
        {
            throw new InvalidOperationException("The SIP transport is not running.");
        }

        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _stopping.Token);
        return await _webSockets.RunAsync(socket, remote with { EndPoint = ViaStamping.Normalize(remote.EndPoint) },
            local with { EndPoint = ViaStamping.Normalize(local.EndPoint) }, linked.Token);
    }

    // Synchronous, as the receive below: the UDP socket stays a blocking one (an async operation would make it
    // non-blocking for good); a datagram goes straight to the kernel's queue, which waits only when it is full.
    private bool SendUdp(SipMessage message, SipEndPoint destination)
    {
        var length = message.Bytes.Length;
        if (length > Math.Min(_options.MaxMessageBytes, SipTransportOptions.MaxUdpPayload))
        {
            return Fail(message, destination, "too large for a UDP datagram");
        }

        try
        {
            _udpSocket!.SendTo(message.Bytes.Span, SocketFlags.None, destination.EndPoint);
        }
        catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
        {
            return Fail(message, destination, ex.Message);
        }

        _metrics.MessageSent(message, SipTransportProtocol.Udp, length);
        if (_trace.IsEnabled(LogLevel.Trace))
        {
            _trace.TraceSent(length, destination, _udpLocal!, message.ToTraceString());
        }

        return true;
    }

    // Each UDP receive loop is a thread of its own blocked in recvfrom (issue #14), as a SIP proxy's workers are: a
    // datagram wakes the thread that handles it. An awaited receive woke the socket engine's thread first, which then
    // queued the handling to the thread pool: two thread wake-ups and a queue per message instead of one.
    private Task StartUdpReceiveLoop(Socket socket, SipInboundProcessor processor, int index, CancellationToken cancellationToken)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        new Thread(() =>
        {
            try
            {
                ReceiveUdp(socket, processor, cancellationToken);
                done.TrySetResult();
            }
#pragma warning disable CA1031 // Whatever ends the loop ends its task (as an async loop's exception would), not the process.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                done.TrySetException(ex);
            }
        }) { IsBackground = true, Name = $"SIP UDP receive {index}" }.Start();
        return done.Task;
    }

    private void ReceiveUdp(Socket socket, SipInboundProcessor processor, CancellationToken cancellationToken)
    {
        var local = _udpLocal!;
        EndPoint any = new IPEndPoint(_listenAddress.AddressFamily == AddressFamily.InterNetworkV6 ? IPAddress.IPv6Any : IPAddress.Any, 0);

        // One pooled buffer per loop, sized for any datagram so that an oversize one is seen whole and answered 513.
        var buffer = ArrayPool<byte>.Shared.Rent(65_536);
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                try
                {
                    var from = any;
                    var received = socket.ReceiveFrom(buffer, SocketFlags.None, ref from);
                    var source = new SipEndPoint(SipTransportProtocol.Udp, ViaStamping.Normalize((IPEndPoint)from));
                    var answer = processor.Process(buffer.AsSpan(0, received), source, local);
                    if (answer is not null)
                    {
                        var to = ViaStamping.GetUdpAnswerDestination(answer.TopVia, source.EndPoint);
                        SendUdp(answer, new SipEndPoint(SipTransportProtocol.Udp, to));
                    }
                }
                catch (Exception ex) when (cancellationToken.IsCancellationRequested && ex is SocketException or ObjectDisposedException)
                {
                    return; // stopping: the socket was closed under the blocked receive
                }
#pragma warning disable CA1031 // A receive loop never dies from one bad packet (style guide §9).
                catch (Exception ex)
#pragma warning restore CA1031
                {
                    _metrics.Dropped(SipTransportProtocol.Udp, "receive_error");
                    _logger.ReceiveLoopFailed(ex, SipTransportProtocol.Udp, local);
                }
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private bool Fail(SipMessage message, SipEndPoint destination, string reason)
    {
        _metrics.SendFailed(destination.Protocol, reason == "no connection" ? "no_connection" : "error");
        _logger.SendFailed(message.ToString() ?? string.Empty, message.CallId, destination, reason);
        return false;
    }

    private HashSet<string>? OurHosts()
    {
        if (_listenAddress.Equals(IPAddress.Any) || _listenAddress.Equals(IPAddress.IPv6Any))
        {
            return null;
        }

        var hosts = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { _listenAddress.ToString() };
        foreach (var host in _options.AdvertisedHosts)
        {
            hosts.Add(ViaStamping.StripBrackets(host));
        }

        foreach (var advertised in new[] { SipTransportProtocol.Udp, SipTransportProtocol.Tcp, SipTransportProtocol.Tls }.Select(_options.PublicAddressFor).OfType<IPAddress>())
        {
            hosts.Add(advertised.ToString());
        }

        return hosts;
    }

    private static SipRequest WithTopViaTransport(SipRequest request, SipEndPoint local)
    {
        var via = request.TopVia;
        var tcpVia = SipVia.Parse($"SIP/2.0/TCP {via.Host}:{local.EndPoint.Port}{via.Parameters}");
        return request.ToBuilder().ReplaceTopVia(tcpVia).Build();
    }
}
