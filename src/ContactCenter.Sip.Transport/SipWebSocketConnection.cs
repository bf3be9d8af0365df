using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using System.Net.WebSockets;
using ContactCenter.Sip.Syntax;
using Microsoft.Extensions.Logging;

namespace ContactCenter.Sip.Transport;

/// <summary>
/// One SIP-over-WebSocket connection a browser opened (RFC 7118): every WebSocket message, text or binary, carries one
/// whole SIP message (§5), handed to the same inbound processing as UDP/TCP/TLS; what we send goes out as one text
/// message. Writes are serialised. The connection is keyed by its remote end point, so requests toward a contact
/// registered over it (an <c>.invalid</c> host with <c>;transport=ws</c>, RFC 7118 §5.3) go back through it.
/// </summary>
[SuppressMessage("Reliability", "CA1001:Types that own disposable fields should be disposable",
    Justification = "The semaphore holds no handle (no wait handle is ever taken) and may still be touched by a late sender; the host owns the WebSocket.")]
internal sealed class SipWebSocketConnection(WebSocket socket, SipEndPoint remote, SipEndPoint local, SipWebSocketServices services) : ISipConnection
{
    private readonly SemaphoreSlim _writeLock = new(1, 1);
    private string? _closeReason;

    /// <summary>The browser's end point (protocol WS or WSS).</summary>
    public SipEndPoint Remote { get; } = remote;

    /// <summary>Our end of the connection (the HTTP listener).</summary>
    public SipEndPoint Local { get; } = local;

    /// <summary>True once the socket is no longer open for sending.</summary>
    public bool IsClosing => socket.State != WebSocketState.Open;

    /// <summary>Receives until the browser closes, the connection fails, a message is too large, or <paramref name="stopping"/> fires.</summary>
    public async Task<string> RunAsync(CancellationToken stopping)
    {
        var limit = services.Options.MaxMessageBytes;
        var buffer = ArrayPool<byte>.Shared.Rent(limit + 1);
        try
        {
            while (true)
            {
                var length = 0;
                ValueWebSocketReceiveResult result;
                do
                {
                    if (length > limit)
                    {
                        // RFC 6455 §7.4.1: 1009, the message is too big to process.
                        services.Metrics.ParseFailed(Remote.Protocol, "too_large");
                        await CloseAsync(WebSocketCloseStatus.MessageTooBig, CloseReasons.Malformed, stopping);
                        return CloseReasons.Malformed;
                    }

                    result = await socket.ReceiveAsync(buffer.AsMemory(length, limit + 1 - length), stopping);
                    length += result.Count;
                }
                while (!result.EndOfMessage && result.MessageType != WebSocketMessageType.Close);

                if (result.MessageType == WebSocketMessageType.Close)
                {
                    // The browser closed, or answered the close we started.
                    await CloseAsync(WebSocketCloseStatus.NormalClosure, CloseReasons.Peer, stopping);
                    return _closeReason!;
                }

                if (length > limit)
                {
                    services.Metrics.ParseFailed(Remote.Protocol, "too_large");
                    await CloseAsync(WebSocketCloseStatus.MessageTooBig, CloseReasons.Malformed, stopping);
                    return CloseReasons.Malformed;
                }

                if (services.Processor.Process(buffer.AsSpan(0, length), Remote, Local) is { } answer)
                {
                    await SendAsync(answer, stopping);
                }
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            // A cancelled receive aborts the WebSocket; the transport sent its close frame before cancelling.
            return _closeReason ?? CloseReasons.Stopping;
        }
        catch (Exception ex) when (ex is WebSocketException or IOException or ObjectDisposedException)
        {
            return CloseReasons.Error;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>Sends one SIP message as one text WebSocket message; false when the connection is gone.</summary>
    public async ValueTask<bool> SendAsync(SipMessage message, CancellationToken cancellationToken)
    {
        try
        {
            await _writeLock.WaitAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            return false;
        }

        try
        {
            if (IsClosing)
            {
                return false;
            }

            using var timeout = new CancellationTokenSource(services.Options.TcpWriteTimeout, services.Time);
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(timeout.Token, cancellationToken);
            await socket.SendAsync(message.Bytes, WebSocketMessageType.Text, endOfMessage: true, linked.Token);
        }
        catch (Exception ex) when (ex is WebSocketException or IOException or ObjectDisposedException or OperationCanceledException)
        {
            return false;
        }
        finally
        {
            _writeLock.Release();
        }

        services.Metrics.MessageSent(message, Remote.Protocol, message.Bytes.Length);
        if (services.Trace.IsEnabled(LogLevel.Trace))
        {
            services.Trace.TraceSent(message.Bytes.Length, Remote, Local, message.ToTraceString());
        }

        return true;
    }

    /// <summary>Starts the close handshake (bounded by the write timeout; aborts when that fails), saying <paramref name="reason"/>.</summary>
    public async Task CloseAsync(WebSocketCloseStatus status, string reason, CancellationToken cancellationToken)
    {
        _closeReason ??= reason;
        try
        {
            if (socket.State is WebSocketState.Open or WebSocketState.CloseReceived)
            {
                using var timeout = new CancellationTokenSource(services.Options.TcpWriteTimeout, services.Time);
                using var linked = CancellationTokenSource.CreateLinkedTokenSource(timeout.Token, cancellationToken);
                await socket.CloseOutputAsync(status, reason, linked.Token);
            }
        }
        catch (Exception ex) when (ex is WebSocketException or IOException or ObjectDisposedException or OperationCanceledException)
        {
            socket.Abort();
        }
    }
}
