using ContactCenter.Sdp.WebRtc;
using System.Buffers;
using System.Net;
using System.Net.Sockets;
using ContactCenter.Media.Srtp;
using Microsoft.Extensions.Logging;
using Org.BouncyCastle.Security;
using Org.BouncyCastle.Tls;
using Org.BouncyCastle.Tls.Crypto.Impl.BC;

namespace ContactCenter.Media.WebRtc;

/// <summary>
/// One WebRTC media socket (bundle and rtcp-mux: everything on one port): STUN checks answered by the ICE-lite responder,
/// DTLS records handed to our DTLS-SRTP server, and SRTP/SRTCP unprotected with the keys it exported (RFC 7983
/// demultiplexing by first byte). Media goes to the address the browser nominated (USE-CANDIDATE), else where DTLS came from.
/// </summary>
public sealed partial class WebRtcMediaSocket : IAsyncDisposable
{
    private readonly Socket _socket;
    private readonly IceLiteResponder _ice;
    private readonly DtlsSrtpServer _dtls;
    private readonly DtlsPacketQueue _dtlsPackets;
    private readonly DtlsHandshakeSlots _slots;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _stopping = new();
    private readonly TaskCompletionSource<DtlsSrtpKeys> _keys = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Lock _srtpLock = new();
    private SrtpSession? _srtp;
    private DtlsTransport? _dtlsTransport;
    private Task _handshake = Task.CompletedTask;
    private Task _receive = Task.CompletedTask;
    private IPEndPoint? _dtlsSource;
    private int _handshakeStarted;

    /// <summary>
    /// Binds to <paramref name="local"/> (port 0: any free one) with our ICE credentials, certificate and the browser's
    /// fingerprint; null when it is not known yet (we offer): give it with <see cref="SetRemoteFingerprint"/>. The DTLS
    /// handshake takes one of <paramref name="slots"/> (shared by the process's legs; null: slots of its own).
    /// </summary>
    public WebRtcMediaSocket(IPEndPoint local, IceLiteResponder ice, DtlsCertificate certificate, SdpFingerprint? remoteFingerprint, ILogger logger,
        DtlsHandshakeSlots? slots = null)
        : this(Bind(local), ice, certificate, remoteFingerprint, logger, slots)
    {
    }

    /// <summary>Takes <paramref name="bound"/>, a UDP socket already bound (a port of the configured RTP range); disposing closes it.</summary>
    internal WebRtcMediaSocket(Socket bound, IceLiteResponder ice, DtlsCertificate certificate, SdpFingerprint? remoteFingerprint, ILogger logger,
        DtlsHandshakeSlots? slots)
    {
        ArgumentNullException.ThrowIfNull(bound);
        ArgumentNullException.ThrowIfNull(certificate);
        _ice = ice ?? throw new ArgumentNullException(nameof(ice));
        _logger = logger ?? throw new ArgumentNullException(nameof(logger));
        _socket = bound;
        LocalEndPoint = (IPEndPoint)_socket.LocalEndPoint!;
        _dtls = new DtlsSrtpServer(new BcTlsCrypto(new SecureRandom()), certificate, remoteFingerprint);
        _dtlsPackets = new DtlsPacketQueue(SendToPeer);
        _slots = slots ?? DtlsHandshakeSlots.CreateDefault();
    }

    /// <summary>Our end (the SDP's candidate and port).</summary>
    public IPEndPoint LocalEndPoint { get; }

    /// <summary>Where media goes: the nominated pair's remote, else the DTLS peer; null before either.</summary>
    public IPEndPoint? Remote => _ice.Nominated ?? Volatile.Read(ref _dtlsSource);

    /// <summary>How many of the browser's ICE checks were answered with success so far (its consent, RFC 7675).</summary>
    public long AuthenticatedChecks => _ice.AuthenticatedChecks;

    /// <summary>Completes with the SRTP keys when the DTLS handshake has completed (faults when it failed).</summary>
    public Task<DtlsSrtpKeys> Keys => _keys.Task;

    /// <summary>Called with each unprotected RTP or RTCP packet (the buffer is reused after the call returns).</summary>
    public Action<ReadOnlyMemory<byte>>? PacketReceived { get; set; }

    /// <summary>Gives the browser's fingerprint from its SDP answer; its DTLS certificate is checked against it (RFC 5763 §5).</summary>
    public void SetRemoteFingerprint(SdpFingerprint fingerprint)
    {
        ArgumentNullException.ThrowIfNull(fingerprint);
        _dtls.SetRemoteFingerprint(fingerprint);
    }

    /// <summary>Starts receiving.</summary>
    public void Start() => _receive = ReceiveAsync(_stopping.Token);

    /// <summary>Protects <paramref name="packet"/> (RTP, or RTCP by its payload type) and sends it to <see cref="Remote"/>; false before the keys or a remote.</summary>
    public async ValueTask<bool> SendAsync(ReadOnlyMemory<byte> packet, CancellationToken cancellationToken)
    {
        var remote = Remote;
        if (remote is null)
        {
            return false;
        }

        var buffer = ArrayPool<byte>.Shared.Rent(packet.Length + 64);
        try
        {
            packet.Span.CopyTo(buffer);
            int length;
            lock (_srtpLock)
            {
                if (_srtp is null)
                {
                    return false;
                }

                var result = IsRtcp(packet.Span)
                    ? _srtp.ProtectRtcp(buffer, packet.Length, out length)
                    : _srtp.ProtectRtp(buffer, packet.Length, out length);
                if (result != SrtpResult.Ok)
                {
                    return false;
                }
            }

            await _socket.SendToAsync(buffer.AsMemory(0, length), SocketFlags.None, remote, cancellationToken);
            return true;
        }
        catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
        {
            return false;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        _dtls.StopWaiting();
        _dtlsPackets.Close();
        _dtlsTransport?.Close();
        _socket.Dispose();
        await _receive.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        await Volatile.Read(ref _handshake).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing); // set by the receive loop, now ended
        _dtlsPackets.Dispose();
        _dtls.Dispose();
        lock (_srtpLock)
        {
            _srtp?.Dispose();
            _srtp = null;
        }

        _stopping.Dispose();
    }

    private static Socket Bind(IPEndPoint local)
    {
        ArgumentNullException.ThrowIfNull(local);
        var socket = new Socket(local.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
        try
        {
            socket.Bind(local);
            return socket;
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    // RFC 5761 §4: in a multiplexed stream, payload types 192-223 (72-95 with the marker bit) are RTCP.
    private static bool IsRtcp(ReadOnlySpan<byte> packet) => packet.Length > 1 && packet[1] is >= 192 and <= 223;

    private async Task ReceiveAsync(CancellationToken cancellationToken)
    {
        await Task.Yield();
        var buffer = new byte[2_048];
        EndPoint any = new IPEndPoint(LocalEndPoint.AddressFamily == AddressFamily.InterNetworkV6 ? IPAddress.IPv6Any : IPAddress.Any, 0);
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                var result = await _socket.ReceiveFromAsync(buffer, SocketFlags.None, any, cancellationToken);
                var source = (IPEndPoint)result.RemoteEndPoint;
                var packet = buffer.AsMemory(0, result.ReceivedBytes);
                switch (MediaPacketClassifier.Classify(packet.Span))
                {
                    case MediaPacketKind.Stun:
                        if (_ice.Answer(packet.Span, source) is { } answer)
                        {
                            await _socket.SendToAsync(answer, SocketFlags.None, source, cancellationToken);
                        }

                        break;
                    case MediaPacketKind.Dtls:
                        OnDtls(packet.Span, source);
                        break;
                    case MediaPacketKind.Rtp:
                        OnSrtp(packet);
                        break;
                }
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (ObjectDisposedException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
#pragma warning disable CA1031 // A receive loop never dies from one bad packet (style guide §9).
            catch (Exception ex)
#pragma warning restore CA1031
            {
                LogPacketFailed(_logger, ex, LocalEndPoint);
            }
        }
    }

    private void OnDtls(ReadOnlySpan<byte> packet, IPEndPoint source)
    {
        // Only the browser the ICE check authenticated may run the handshake, once one nominated; before that, the first DTLS peer.
        if (_ice.Nominated is { } nominated && !nominated.Equals(source))
        {
            return;
        }

        if (Interlocked.CompareExchange(ref _dtlsSource, source, null) is { } peer && !peer.Equals(source))
        {
            return;
        }

        _dtlsPackets.Enqueue(packet);
        if (Interlocked.Exchange(ref _handshakeStarted, 1) == 0)
        {
            StartHandshake();
        }
    }

    /// <summary>
    /// BouncyCastle's DTLS is blocking: the handshake runs on a dedicated thread (never a thread-pool one), within the
    /// bound of <see cref="DtlsHandshakeSlots"/> (beyond it the handshake is refused: <see cref="Keys"/> faults and the leg
    /// fails), and is dropped after the slots' timeout on their clock (a stalled peer). Tracked and awaited on dispose.
    /// </summary>
    private void StartHandshake()
    {
        if (!_slots.TryEnter())
        {
            _dtlsPackets.Close();
            LogHandshakeRefused(_logger, LocalEndPoint, _slots.Limit);
            _keys.TrySetException(new DtlsHandshakeRefusedException($"{_slots.Limit} DTLS handshakes are running already"));
            return;
        }

        var ended = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Volatile.Write(ref _handshake, ended.Task);
        var timer = _slots.Time.CreateTimer(static state => ((WebRtcMediaSocket)state!).DropStalledHandshake(), this, _slots.Timeout, Timeout.InfiniteTimeSpan);
        var thread = new Thread(() =>
        {
            try
            {
                RunHandshake();
            }
            finally
            {
                timer.Dispose();
                _slots.Exit();
                ended.TrySetResult();
            }
        })
        {
            IsBackground = true,
            Name = "DTLS handshake",
        };
        thread.Start();
    }

    /// <summary>The handshake's time is up: BouncyCastle's wait for the next record ends with a timeout and the thread ends.</summary>
    private void DropStalledHandshake()
    {
        if (!_keys.Task.IsCompleted)
        {
            _dtls.StopWaiting();
            _dtlsPackets.Close();
        }
    }

    private void RunHandshake()
    {
        try
        {
            _dtlsTransport = new DtlsServerProtocol().Accept(_dtls, _dtlsPackets);
            var keys = _dtls.Keys ?? throw new TlsFatalAlert(AlertDescription.internal_error, "no SRTP keys exported");
            lock (_srtpLock)
            {
                _srtp = keys.CreateSession();
            }

            _keys.TrySetResult(keys);
        }
#pragma warning disable CA1031 // A failed handshake fails this leg's media only; the caller sees it on Keys.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            LogHandshakeFailed(_logger, LocalEndPoint, ex.Message);
            _keys.TrySetException(ex);
        }
    }

    private void OnSrtp(Memory<byte> packet)
    {
        int length;
        lock (_srtpLock)
        {
            if (_srtp is null)
            {
                return;
            }

            var result = IsRtcp(packet.Span) ? _srtp.UnprotectRtcp(packet.Span, out length) : _srtp.UnprotectRtp(packet.Span, out length);
            if (result != SrtpResult.Ok)
            {
                return;
            }
        }

        PacketReceived?.Invoke(packet[..length]);
    }

    private void SendToPeer(ReadOnlySpan<byte> datagram)
    {
        if (Remote is { } remote)
        {
            try
            {
                _socket.SendTo(datagram, SocketFlags.None, remote);
            }
            catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
            {
                // the peer or our socket is gone: the handshake times out
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "WebRTC media socket {LocalEndPoint}: a packet failed; receiving goes on")]
    private static partial void LogPacketFailed(ILogger logger, Exception exception, IPEndPoint localEndPoint);

    [LoggerMessage(Level = LogLevel.Warning, Message = "WebRTC media socket {LocalEndPoint}: DTLS handshake refused, {Limit} are running already (BrowserPhone:DtlsHandshakeLimit)")]
    private static partial void LogHandshakeRefused(ILogger logger, IPEndPoint localEndPoint, int limit);

    [LoggerMessage(Level = LogLevel.Information, Message = "WebRTC media socket {LocalEndPoint}: DTLS handshake failed: {Reason}")]
    private static partial void LogHandshakeFailed(ILogger logger, IPEndPoint localEndPoint, string reason);
}
