using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using System.IO.Pipelines;
using System.Net.Sockets;
using ContactCenter.Sip.Syntax;
using ContactCenter.Sip.Syntax.Framing;
using Microsoft.Extensions.Logging;

namespace ContactCenter.Sip.Transport;

/// <summary>
/// One TCP or TLS connection, inbound or outbound (an inbound TLS connection first completes the server
/// handshake in its read loop; writes wait for it): reads through a <see cref="PipeReader"/>, frames with
/// <see cref="SipStreamFramer"/> (RFC 3261 §18.3), answers keep-alive pings (RFC 5626 §3.5.1), and
/// serialises writes. Closes itself on a malformed stream, a timeout, or an error.
/// </summary>
[SuppressMessage("Reliability", "CA1001:Types that own disposable fields should be disposable",
    Justification = "The read loop disposes the stream when it ends; the semaphore and token source hold no handles (no wait handle, no timer) and may still be touched by a late sender.")]
internal sealed class SipTcpConnection : ISipConnection
{
    private static readonly ReadOnlyMemory<byte> CrLf = "\r\n"u8.ToArray();

    private readonly Socket _socket;
    private readonly SipTcpServices _services;
    private readonly TaskCompletionSource<bool>? _handshake;
    private Stream _stream;
    private readonly SemaphoreSlim _writeLock = new(1, 1);
    private readonly CancellationTokenSource _closing = new();
    private string? _closeReason;
    private long _heldUntilTicks;

    /// <param name="socket">The connected socket.</param>
    /// <param name="remote">The peer.</param>
    /// <param name="local">Our end.</param>
    /// <param name="inbound">True when the peer connected to us.</param>
    /// <param name="services">What the transport's connections share.</param>
    /// <param name="stream">The stream over the socket when the caller already made one (an outbound TLS handshake); null for a plain network stream.</param>
    public SipTcpConnection(Socket socket, SipEndPoint remote, SipEndPoint local, bool inbound, SipTcpServices services, Stream? stream = null)
    {
        _socket = socket;
        _stream = stream ?? new NetworkStream(socket, ownsSocket: true);
        _services = services;
        if (stream is null && remote.Protocol == SipTransportProtocol.Tls)
        {
            _handshake = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        Remote = remote;
        Local = local;
        IsInbound = inbound;
    }

    /// <summary>The peer's end point (the key for reuse).</summary>
    public SipEndPoint Remote { get; }

    /// <summary>Our end of the connection.</summary>
    public SipEndPoint Local { get; }

    /// <summary>True when the peer opened the connection.</summary>
    public bool IsInbound { get; }

    /// <summary>True once the connection is closing or closed; it is then no longer reused.</summary>
    public bool IsClosing => _closing.IsCancellationRequested;

    /// <summary>Completes when the read loop has ended and the socket is closed.</summary>
    public Task Completion { get; private set; } = Task.CompletedTask;

    /// <summary>
    /// Keeps the connection open without SIP traffic until <paramref name="until"/> (a registration living on it: the phone
    /// is reached through it, RFC 5626 flows); only ever extends. Without a hold, keep-alive pings alone do not keep it open.
    /// </summary>
    public void HoldUntil(DateTimeOffset until)
    {
        var ticks = until.UtcTicks;
        var seen = Interlocked.Read(ref _heldUntilTicks);
        while (ticks > seen)
        {
            var was = Interlocked.CompareExchange(ref _heldUntilTicks, ticks, seen);
            if (was == seen)
            {
                return;
            }

            seen = was;
        }
    }

    /// <summary>Starts the read loop.</summary>
    public void Start(CancellationToken stopping) => Completion = RunAsync(stopping);

    /// <summary>Asks the connection to close.</summary>
    public void Close(string reason)
    {
        _closeReason ??= reason;
        try
        {
            _closing.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // already closed
        }
    }

    /// <summary>Writes a message; false (and the connection closes) when the write fails or times out.</summary>
    public async ValueTask<bool> SendAsync(SipMessage message, CancellationToken cancellationToken)
    {
        if (!await WriteAsync(message.Bytes, cancellationToken))
        {
            return false;
        }

        _services.Metrics.MessageSent(message, Remote.Protocol, message.Bytes.Length);
        if (_services.Trace.IsEnabled(LogLevel.Trace))
        {
            _services.Trace.TraceSent(message.Bytes.Length, Remote, Local, message.ToTraceString());
        }

        return true;
    }

    private async ValueTask<bool> WriteAsync(ReadOnlyMemory<byte> bytes, CancellationToken cancellationToken)
    {
        if (IsClosing || (_handshake is not null && !await _handshake.Task.WaitAsync(cancellationToken)))
        {
            return false;
        }

        using var timeout = new CancellationTokenSource(_services.Options.TcpWriteTimeout, _services.Time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token, _closing.Token);
        var locked = false;
        try
        {
            await _writeLock.WaitAsync(linked.Token);
            locked = true;
            await _stream.WriteAsync(bytes, linked.Token);
            return true;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            Close(timeout.IsCancellationRequested ? CloseReasons.WriteTimeout : CloseReasons.Stopping);
            return false;
        }
        catch (Exception ex) when (ex is IOException or SocketException or ObjectDisposedException)
        {
            Close(CloseReasons.WriteFailed);
            return false;
        }
        finally
        {
            if (locked)
            {
                _writeLock.Release();
            }
        }
    }

    private async Task RunAsync(CancellationToken stopping)
    {
        await Task.Yield();
        _services.Metrics.ConnectionOpened();
        _services.Logger.ConnectionOpened(Remote, IsInbound ? "inbound" : "outbound");
        var options = _services.Options;
        using var timeout = new CancellationTokenSource(Timeout.InfiniteTimeSpan, _services.Time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(stopping, timeout.Token, _closing.Token);
        PipeReader? reader = null;
        DateTimeOffset? partialDeadline = null;
        var lastMessageAt = _services.Time.GetUtcNow();
        var lastReadAt = lastMessageAt;
        var reason = CloseReasons.Peer;
        try
        {
            if (_handshake is not null && !await HandshakeAsync(linked.Token))
            {
                reason = _closeReason ?? CloseReasons.TlsHandshakeFailed;
                return;
            }

            reader = PipeReader.Create(_stream, new StreamPipeReaderOptions(bufferSize: 8_192, leaveOpen: true));
            while (true)
            {
                // Idle: nothing buffered, and no SIP message for the idle timeout (keep-alive pings do not count) unless a
                // registration holds the connection longer. Partial: part of a message buffered and no whole one taken
                // since the deadline was set.
                var now = _services.Time.GetUtcNow();
                var wait = (partialDeadline ?? IdleDeadline(lastMessageAt, lastReadAt, options)) - now;
                if (wait <= TimeSpan.Zero)
                {
                    reason = partialDeadline is null ? CloseReasons.IdleTimeout : CloseReasons.PartialTimeout;
                    break;
                }

                timeout.CancelAfter(wait);
                ReadResult result;
                try
                {
                    result = await reader.ReadAsync(linked.Token);
                }
                catch (OperationCanceledException) when (timeout.IsCancellationRequested && !stopping.IsCancellationRequested && !IsClosing)
                {
                    reason = partialDeadline is null ? CloseReasons.IdleTimeout : CloseReasons.PartialTimeout;
                    break;
                }

                var buffer = result.Buffer;
                var outcome = Frame(ref buffer);
                lastReadAt = _services.Time.GetUtcNow();
                if (outcome.TookMessage)
                {
                    lastMessageAt = lastReadAt;
                }

                var remaining = buffer.Length;
                reader.AdvanceTo(buffer.Start, buffer.End);
                if (outcome.Replies is { } replies)
                {
                    foreach (var reply in replies)
                    {
                        var sent = reply.Message is { } message
                            ? await SendAsync(message, linked.Token)
                            : await WriteAsync(CrLf, linked.Token);
                        if (sent && reply.Message is null)
                        {
                            _services.Metrics.BytesSent(Remote.Protocol, CrLf.Length);
                        }
                    }
                }

                if (outcome.Malformed)
                {
                    reason = CloseReasons.Malformed;
                    break;
                }

                if (result.IsCompleted || IsClosing)
                {
                    reason = IsClosing ? _closeReason ?? CloseReasons.Stopping : CloseReasons.Peer;
                    break;
                }

                partialDeadline = remaining == 0 ? null
                    : outcome.TookMessage || partialDeadline is null ? _services.Time.GetUtcNow() + options.TcpPartialMessageTimeout
                    : partialDeadline;
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested || IsClosing)
        {
            reason = _closeReason ?? CloseReasons.Stopping;
        }
        catch (Exception ex) when (ex is IOException or SocketException or ObjectDisposedException)
        {
            reason = CloseReasons.Error;
        }
        catch (Exception ex)
        {
            // Never let one connection's failure go unseen: log and count it, close only this connection.
            _services.Logger.ReceiveLoopFailed(ex, Remote.Protocol, Local);
            reason = CloseReasons.Error;
        }
        finally
        {
            Close(reason);
            _handshake?.TrySetResult(false);
            _services.Connections.Remove(this);
            if (reader is not null)
            {
                await reader.CompleteAsync();
            }

            try
            {
                _socket.Shutdown(SocketShutdown.Both);
            }
            catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
            {
                // the peer is gone already, or a failed TLS handshake closed the socket
            }

            await _stream.DisposeAsync();
            _services.Metrics.ConnectionClosed(reason);
            _services.Logger.ConnectionClosed(Remote, reason);
        }
    }

    // Data of any kind (keep-alive pings included) keeps the connection for TcpIdleTimeout, but pings alone only up to
    // TcpKeepAliveLimit after the last SIP message; a registration made over the connection holds it longer.
    private DateTimeOffset IdleDeadline(DateTimeOffset lastMessageAt, DateTimeOffset lastReadAt, SipTransportOptions options)
    {
        var idle = lastReadAt + options.TcpIdleTimeout;
        var limit = lastMessageAt + options.TcpKeepAliveLimit;
        var deadline = idle < limit ? idle : limit;
        var held = Interlocked.Read(ref _heldUntilTicks);
        return held > deadline.UtcTicks ? new DateTimeOffset(held, TimeSpan.Zero) : deadline;
    }

    private async Task<bool> HandshakeAsync(CancellationToken cancellationToken)
    {
        try
        {
            _stream = await _services.Tls!.AcceptAsync(_stream, _services.Time, cancellationToken);
            _handshake!.TrySetResult(true);
            return true;
        }
        catch (Exception ex) when (ex is System.Security.Authentication.AuthenticationException or IOException or SocketException
            or OperationCanceledException or ObjectDisposedException)
        {
            // A scanner, a plain-TCP client on the TLS port, a peer that stalls: one Debug line, the connection closes.
            _services.Logger.TlsHandshakeFailed(Remote, ex.Message);
            Close(CloseReasons.TlsHandshakeFailed);
            return false;
        }
    }

    private FrameOutcome Frame(ref ReadOnlySequence<byte> buffer)
    {
        var reader = new SequenceReader<byte>(buffer);
        List<Reply>? replies = null;
        var tookMessage = false;
        var malformed = false;
        while (!malformed && !IsClosing)
        {
            var result = _services.Framer.TryReadMessage(ref reader, out var message);
            if (result == SipFrameResult.Incomplete)
            {
                break;
            }

            switch (result)
            {
                case SipFrameResult.Complete:
                    tookMessage = true;
                    if (_services.Processor.Process(message, Remote, Local) is { } answer)
                    {
                        (replies ??= []).Add(new Reply(answer));
                    }

                    break;
                case SipFrameResult.Ping:
                    // RFC 5626 §3.5.1: answer a CRLFCRLF ping with one CRLF pong.
                    _services.Metrics.BytesReceived(Remote.Protocol, 4);
                    (replies ??= []).Add(new Reply(null));
                    break;
                case SipFrameResult.Pong:
                    _services.Metrics.BytesReceived(Remote.Protocol, 2);
                    break;
                default:
                    malformed = true;
                    if (_services.Processor.OnFramingFailure(reader.UnreadSequence, Remote) is { } framingAnswer)
                    {
                        (replies ??= []).Add(new Reply(framingAnswer));
                    }

                    break;
            }
        }

        buffer = reader.UnreadSequence;
        return new FrameOutcome(replies, tookMessage, malformed);
    }

    private readonly record struct Reply(SipMessage? Message);

    private readonly record struct FrameOutcome(List<Reply>? Replies, bool TookMessage, bool Malformed);
}
