using System.Net;
using System.Net.Sockets;
using System.Runtime.CompilerServices;
using ContactCenter.Media.Ports;
using ContactCenter.Media.Rtp;
using ContactCenter.Media.Srtp;
using Microsoft.Extensions.Logging;

namespace ContactCenter.Media.Relay;

/// <summary>
/// One leg's media socket pair on the relay (RTP on an even port, RTCP on the next; a <see cref="ReceivingPair"/> whose receive
/// loops outlive the leg, see <see cref="MediaOptions.WarmPortPairs"/>): what it receives, symmetric
/// RTP with latching (RFC 4961; see <see cref="SetRemote"/>), counters, and the outgoing stream toward the
/// leg, whose SSRC, sequence numbers and timestamps stay continuous whoever feeds it (bridge, re-bridge,
/// music on hold, announcements). With <see cref="SetSrtp"/> the leg speaks SRTP/SRTCP (RFC 3711): packets that
/// fail authentication are dropped before they can latch. Created by <see cref="MediaRelay.TryCreateEndpoint"/>;
/// the caller owns it.
/// </summary>
public sealed class MediaEndpoint : IRtpPacketSink, IPairReceiver, IAsyncDisposable
{
    private readonly ReceivingPair _pair;
    private readonly WarmPortPairs _pairs;
    private readonly MediaOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly MediaMetrics _metrics;
    private readonly SourceLatch _rtpLatch;
    private readonly SourceLatch _rtcpLatch;
    private readonly RtpReceiveStatistics _receiveStatistics = new();
    private readonly Lock _sendGate = new();
    private readonly RtpSequenceRewriter _outgoing;
    private readonly CancellationTokenSource _stopping = new();
    private readonly EndpointRtcp _rtcp;
    private readonly EndpointSrtp _srtp = new();
    private readonly ReceiveGate _receives = new();
    private ITimer? _rtcpTimer;
    private volatile IMediaPacketHandler? _handler;
    private volatile MediaLegFormat _format;
    private volatile IPEndPoint? _sdpRtpEndPoint;
    private long _packetsReceived;
    private long _bytesReceived;
    private long _packetsSent;
    private long _bytesSent;
    private long _rejected;
    private long _lastPacketUtcTicks;
    private int _disposed;

    internal MediaEndpoint(
        ReceivingPair pair, WarmPortPairs pairs, MediaLegFormat format, MediaOptions options, TimeProvider time, MediaMetrics metrics, ILogger logger)
    {
        _pair = pair;
        _pairs = pairs;
        _format = format;
        _options = options;
        _time = time;
        _metrics = metrics;
        _logger = logger;
        _rtpLatch = new SourceLatch(time, options.RelatchGap, options.LatchKnownAddressesOnly);
        _rtcpLatch = new SourceLatch(time, options.RelatchGap, options.LatchKnownAddressesOnly);
        _outgoing = new RtpSequenceRewriter(RtpRandom.NextUInt32(), RtpRandom.NextUInt16(), RtpRandom.NextUInt32(), 8_000, 160, time);
        _rtcp = new EndpointRtcp(time, $"cc-{RtpRandom.NextUInt32():x8}{RtpRandom.NextUInt32():x8}");
    }

    /// <summary>The local RTP address and port, for our SDP's c= and m= lines.</summary>
    public IPEndPoint LocalRtpEndPoint => _pair.RtpEndPoint;

    /// <summary>The local RTCP address and port (RTP + 1).</summary>
    public IPEndPoint LocalRtcpEndPoint => _pair.RtcpEndPoint;

    /// <summary>Where RTP is sent: the latched source, else the address from SDP, else null.</summary>
    public IPEndPoint? RemoteRtpEndPoint => _rtpLatch.Current?.EndPoint;

    /// <summary>Whether RTP has latched onto a real source address.</summary>
    public bool IsLatched => _rtpLatch.IsLatched;

    /// <summary>The SSRC of the stream we send to this leg.</summary>
    public uint OutgoingSsrc => _outgoing.Ssrc;

    /// <summary>The leg's negotiated payload types and codec.</summary>
    public MediaLegFormat Format
    {
        get => _format;
        set => _format = value ?? throw new ArgumentNullException(nameof(value));
    }

    /// <summary>A snapshot of the counters.</summary>
    public MediaEndpointStatistics Statistics
    {
        get
        {
            long last = Volatile.Read(ref _lastPacketUtcTicks);
            return new MediaEndpointStatistics(
                Volatile.Read(ref _packetsReceived),
                Volatile.Read(ref _bytesReceived),
                Volatile.Read(ref _packetsSent),
                Volatile.Read(ref _bytesSent),
                _receiveStatistics.Lost,
                Volatile.Read(ref _rejected),
                last == 0 ? null : new DateTimeOffset(last, TimeSpan.Zero),
                TimeSpan.FromSeconds(_receiveStatistics.Jitter / 8_000),
                _rtcp.Remote);
        }
    }

    internal long LastPacketUtcTicks => Volatile.Read(ref _lastPacketUtcTicks);

    /// <summary>The port pair this endpoint holds (a later leg's once this one is disposed).</summary>
    internal ReceivingPair Pair => _pair;

    /// <summary>
    /// Sets the leg's address from SDP (c= and m=; RTCP from a=rtcp or RTP + 1). Packets go there until
    /// RTP arrives from the real source, which then becomes the destination (latching). Calling it again
    /// (a re-INVITE with a new address) forgets the latch.
    /// </summary>
    public void SetRemote(IPEndPoint rtpEndPoint, IPEndPoint? rtcpEndPoint = null)
    {
        ArgumentNullException.ThrowIfNull(rtpEndPoint);
        _sdpRtpEndPoint = rtpEndPoint;
        _rtpLatch.Reset(rtpEndPoint);
        _rtcpLatch.Reset(rtcpEndPoint ?? NextPort(rtpEndPoint));
    }

    /// <summary>Whether the leg speaks SRTP.</summary>
    public bool IsSecure => _srtp.IsOn;

    /// <summary>
    /// Switches the leg to SRTP with <paramref name="session"/> (its keys from SDES or DTLS-SRTP), or back to plain RTP
    /// with null; the endpoint owns the session from now on.
    /// </summary>
    public void SetSrtp(SrtpSession? session) => _srtp.Set(session);

    /// <summary>
    /// Lets media from <paramref name="address"/> latch the leg besides the SDP address: the address a phone's SIP
    /// came from, which differs from its SDP behind NAT (<see cref="MediaOptions.LatchKnownAddressesOnly"/>).
    /// </summary>
    public void AllowSource(IPAddress address)
    {
        _rtpLatch.Allow(address);
        _rtcpLatch.Allow(address);
    }

    /// <summary>Sets who receives the accepted packets (a bridge); null drops them (they still latch and count).</summary>
    public void SetHandler(IMediaPacketHandler? handler) => _handler = handler;

    /// <summary>Makes the next packet sent to this leg start a new source in the outgoing stream (marker set).</summary>
    public void ChangeOutgoingSource()
    {
        lock (_sendGate)
        {
            _outgoing.ChangeSource();
        }
    }

    /// <summary>
    /// Sends an RTP packet to the leg after rewriting SSRC, sequence number and timestamp in place into this
    /// endpoint's continuous outgoing stream (<see cref="RtpSequenceRewriter"/>). Not valid RTP: dropped.
    /// </summary>
    public ValueTask SendRtpAsync(Memory<byte> packet, CancellationToken cancellationToken)
    {
        bool rewritten;
        uint timestamp;
        int payloadLength;
        lock (_sendGate)
        {
            rewritten = _outgoing.TryRewrite(packet.Span, out timestamp, out payloadLength);
        }

        if (!rewritten)
        {
            _metrics.Dropped(MediaDropReasons.NotMedia);
            return default;
        }

        _rtcp.OnRtpSent(timestamp, payloadLength);
        return _srtp.IsOn
            ? SendProtectedAsync(_pair.RtpSocket, _rtpLatch.Current, packet, rtcp: false, cancellationToken)
            : SendToAsync(_pair.RtpSocket, _rtpLatch.Current, packet, cancellationToken);
    }

    /// <summary>Sends an RTP packet as it is (no rewriting) from the RTP port to the leg; protected first on an SRTP leg.</summary>
    public ValueTask SendAsync(ReadOnlyMemory<byte> datagram, CancellationToken cancellationToken) =>
        _srtp.IsOn
            ? SendProtectedAsync(_pair.RtpSocket, _rtpLatch.Current, datagram, rtcp: false, cancellationToken)
            : SendToAsync(_pair.RtpSocket, _rtpLatch.Current, datagram, cancellationToken);

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        // No datagram reaches this endpoint from here on; those it is handling finish (their sends cancelled), then the
        // pair goes back to the warm pairs (or is closed) for another leg.
        _pair.Detach();
        try
        {
            await _stopping.CancelAsync();
            if (_rtcpTimer is not null)
            {
                await _rtcpTimer.DisposeAsync();
            }
        }
        finally
        {
            await _receives.CloseAsync();

            _pair.Forget(_rtpLatch.Current?.Address, _options.RelatchGap);
            _pairs.Return(_pair);
            _stopping.Dispose();
            _srtp.Dispose();
        }
    }

    internal void Start()
    {
        if (_pair.PreviousPeer is { } previous)
        {
            _rtpLatch.Refuse(previous.Source, previous.Until);
        }

        _pair.Attach(this);
        if (_options.RtcpInterval > TimeSpan.Zero)
        {
            _rtcpTimer = _time.CreateTimer(_ => SendReport(), null, NextReportDelay(), Timeout.InfiniteTimeSpan);
        }
    }

    /// <summary>RFC 3550 §6.3.5: each interval drawn from 0.5 to 1.5 times the nominal one, so endpoints do not report in step.</summary>
    private TimeSpan NextReportDelay() => _options.RtcpInterval * (0.5 + Random.Shared.NextDouble());

    private void SendReport()
    {
        if (Volatile.Read(ref _disposed) != 0)
        {
            return;
        }

        try
        {
            if (_rtcpLatch.Current is { } destination && (Volatile.Read(ref _packetsSent) > 0 || Volatile.Read(ref _lastPacketUtcTicks) != 0))
            {
                byte[] buffer = new byte[RtcpReportWriter.MaxLength];
                int length = _rtcp.WriteReport(buffer, OutgoingSsrc, _receiveStatistics);
                _metrics.RtcpReportSent();
                _ = SendProtectedAsync(_pair.RtcpSocket, destination, buffer.AsMemory(0, length), rtcp: true, _stopping.Token).AsTask();
            }
        }
        catch (ObjectDisposedException)
        {
            return; // stopping
        }

        try
        {
            _rtcpTimer?.Change(NextReportDelay(), Timeout.InfiniteTimeSpan);
        }
        catch (ObjectDisposedException)
        {
            // stopping
        }
    }

    bool IPairReceiver.TryEnter() => _receives.TryEnter();

    void IPairReceiver.Exit() => _receives.Exit();

    async ValueTask IPairReceiver.OnReceivedAsync(DatagramReceiver receiver, SocketError error, bool rtp)
    {
        if (error != SocketError.Success)
        {
            // e.g. ICMP port unreachable reported on a later receive: nothing to do but go on.
            _logger.ReceiveFailed(LocalRtpEndPoint, error);
            return;
        }

        CancellationToken cancellationToken = _stopping.Token;
        try
        {
            Memory<byte> datagram = receiver.Datagram;
            Interlocked.Increment(ref _packetsReceived);
            Interlocked.Add(ref _bytesReceived, datagram.Length);
            _metrics.Received(datagram.Length);
            SocketAddress from = receiver.Source;
            await (rtp ? OnRtpPortDatagramAsync(datagram, from, cancellationToken) : OnRtcpPortDatagramAsync(datagram, from, cancellationToken));
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // stopping
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // Style §9: a receive loop never dies from one bad packet or handler.
            _metrics.ReceiveFailed();
            _logger.HandlerFailed(ex, LocalRtpEndPoint);
        }
    }

    private ValueTask OnRtpPortDatagramAsync(Memory<byte> datagram, SocketAddress from, CancellationToken cancellationToken)
    {
        Span<byte> span = datagram.Span;
        MediaPacketKind kind = MediaPacketClassifier.Classify(span);
        if (kind == MediaPacketKind.Rtcp)
        {
            // RFC 5761 rtcp-mux: RTCP on the RTP port, accepted only from the latched RTP source.
            if (!_rtpLatch.TryAccept(from, eligible: false, _time.GetTimestamp(), out _, out _))
            {
                return Reject(MediaDropReasons.UnexpectedSource);
            }

            return _srtp.Unprotect(datagram, rtcp: true, out Memory<byte> report) == SrtpResult.Ok
                ? ConsumeRtcp(report.Span)
                : Reject(MediaDropReasons.SrtpRejected);
        }

        if (kind != MediaPacketKind.Rtp || !RtpPacket.TryParse(span, out RtpPacket packet))
        {
            return Reject(MediaDropReasons.NotMedia);
        }

        // SRTP: only an authentic, fresh packet may latch the leg or reach the bridge (no RTP bleed, no injection).
        if (_srtp.IsOn)
        {
            if (_srtp.Unprotect(datagram, rtcp: false, out Memory<byte> plain) != SrtpResult.Ok || !RtpPacket.TryParse(plain.Span, out packet))
            {
                return Reject(MediaDropReasons.SrtpRejected);
            }

            datagram = plain;
        }

        long now = _time.GetTimestamp();
        MediaLegFormat format = _format;
        if (!_rtpLatch.TryAccept(from, format.Accepts(packet.PayloadType), now, out SourceLatch.Destination? previous, out SourceLatch.Destination? latched))
        {
            return Reject(MediaDropReasons.UnexpectedSource);
        }

        if (latched is not null)
        {
            OnLatched(previous, latched);
        }

        Volatile.Write(ref _lastPacketUtcTicks, _time.GetUtcNow().UtcTicks);
        _receiveStatistics.Update(packet.Ssrc, packet.SequenceNumber);
        if (_options.MeasureJitter && format.TryGetAudioLaw(packet.PayloadType, out _))
        {
            _receiveStatistics.UpdateJitter(packet.Timestamp, (double)now * 8_000 / _time.TimestampFrequency);
        }

        return Deliver(datagram, rtp: true, cancellationToken);
    }

    private ValueTask OnRtcpPortDatagramAsync(Memory<byte> datagram, SocketAddress from, CancellationToken cancellationToken)
    {
        bool eligible = MediaPacketClassifier.Classify(datagram.Span) == MediaPacketKind.Rtcp;
        if (!eligible)
        {
            return Reject(MediaDropReasons.NotMedia);
        }

        if (_srtp.Unprotect(datagram, rtcp: true, out Memory<byte> report) != SrtpResult.Ok)
        {
            return Reject(MediaDropReasons.SrtpRejected);
        }

        return _rtcpLatch.TryAccept(from, eligible, _time.GetTimestamp(), out _, out _)
            ? ConsumeRtcp(report.Span)
            : Reject(MediaDropReasons.UnexpectedSource);
    }

    /// <summary>RTCP ends here (see <see cref="EndpointRtcp"/>): its reports about our stream feed the statistics and metrics.</summary>
    private ValueTask ConsumeRtcp(ReadOnlySpan<byte> datagram)
    {
        if (_rtcp.OnReceived(datagram, OutgoingSsrc) is { } report)
        {
            _metrics.RtcpReportReceived(report);
        }

        return default;
    }

    private ValueTask Deliver(Memory<byte> datagram, bool rtp, CancellationToken cancellationToken)
    {
        IMediaPacketHandler? handler = _handler;
        if (handler is null)
        {
            _metrics.Dropped(MediaDropReasons.NoHandler);
            return default;
        }

        return handler.OnRtpAsync(this, datagram, cancellationToken);
    }

    private ValueTask Reject(string reason)
    {
        Interlocked.Increment(ref _rejected);
        _metrics.Dropped(reason);
        return default;
    }

    private void OnLatched(SourceLatch.Destination? previous, SourceLatch.Destination latched)
    {
        _metrics.Latched();
        if (previous is null)
        {
            _logger.Latched(LocalRtpEndPoint, latched.EndPoint, _sdpRtpEndPoint);
        }
        else
        {
            _logger.Relatched(LocalRtpEndPoint, previous.EndPoint, latched.EndPoint);
        }

        // RTCP follows the RTP source (RFC 3550 §11: RTP port + 1) until RTCP itself arrives and latches.
        if (!_rtcpLatch.IsLatched)
        {
            _rtcpLatch.Reset(NextPort(latched.EndPoint));
        }
    }

    // RFC 3550 §11: RTCP on RTP port + 1; a source on 65535 (a NAT may pick it) keeps RTCP on its own port instead of throwing.
    private static IPEndPoint NextPort(IPEndPoint rtp) => new(rtp.Address, rtp.Port < IPEndPoint.MaxPort ? rtp.Port + 1 : rtp.Port);

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder))]
    private async ValueTask SendProtectedAsync(
        Socket socket, SourceLatch.Destination? destination, ReadOnlyMemory<byte> packet, bool rtcp, CancellationToken cancellationToken)
    {
        ReadOnlyMemory<byte>? wire = _srtp.Protect(packet, rtcp, out byte[]? rented);
        try
        {
            if (wire is { } datagram)
            {
                await SendToAsync(socket, destination, datagram, cancellationToken);
            }
            else
            {
                _metrics.Dropped(MediaDropReasons.SrtpRejected);
            }
        }
        finally
        {
            EndpointSrtp.Return(rented);
        }
    }

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder))]
    private async ValueTask SendToAsync(
        Socket socket, SourceLatch.Destination? destination, ReadOnlyMemory<byte> datagram, CancellationToken cancellationToken)
    {
        if (destination is null)
        {
            _metrics.Dropped(MediaDropReasons.NoDestination);
            return;
        }

        if (Volatile.Read(ref _disposed) != 0)
        {
            // Ended: the pair may be resting or serving another leg, and an SRTP leg's keys are gone (no plain RTP out).
            _metrics.Dropped(MediaDropReasons.SendFailed);
            return;
        }

        try
        {
            int sent = await socket.SendToAsync(datagram, SocketFlags.None, destination.Address, cancellationToken);
            Interlocked.Increment(ref _packetsSent);
            Interlocked.Add(ref _bytesSent, sent);
            _metrics.Sent(sent);
        }
        catch (SocketException ex)
        {
            _metrics.Dropped(MediaDropReasons.SendFailed);
            _logger.SendFailed(LocalRtpEndPoint, destination.EndPoint, ex.SocketErrorCode);
        }
        catch (ObjectDisposedException)
        {
            _metrics.Dropped(MediaDropReasons.SendFailed);
        }
        catch (OperationCanceledException)
        {
            // stopping: nothing left to send to
        }
    }
}
