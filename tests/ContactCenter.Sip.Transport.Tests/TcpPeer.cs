using System.Buffers;
using System.Net;
using System.Net.Sockets;
using System.Text;
using ContactCenter.Sip.Syntax;
using ContactCenter.Sip.Syntax.Framing;

namespace ContactCenter.Sip.Transport.Tests;

/// <summary>A TCP peer on 127.0.0.1: writes raw text, reads framed SIP messages or raw bytes.</summary>
internal sealed class TcpPeer : IDisposable
{
    private readonly Socket _socket;
    private readonly SipStreamFramer _framer = new(SipParserLimits.Default);
    private byte[] _buffer = [];

    private TcpPeer(Socket socket) => _socket = socket;

    public IPEndPoint LocalEndPoint => (IPEndPoint)_socket.LocalEndPoint!;

    public static async Task<TcpPeer> ConnectAsync(IPEndPoint to)
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        await socket.ConnectAsync(to);
        return new TcpPeer(socket);
    }

    public static TcpPeer FromAccepted(Socket socket) => new(socket);

    public async Task WriteAsync(string text) => await _socket.SendAsync(Encoding.UTF8.GetBytes(text), SocketFlags.None);

    /// <summary>The next whole SIP message on the stream.</summary>
    public async Task<SipMessage> ReadMessageAsync()
    {
        using var timeout = new CancellationTokenSource(TransportHarness.SafetyTimeout);
        while (true)
        {
            var reader = new SequenceReader<byte>(new ReadOnlySequence<byte>(_buffer));
            var result = _framer.TryReadMessage(ref reader, out var framed);
            if (result == SipFrameResult.Complete)
            {
                var message = SipParser.Parse(framed.ToArray());
                _buffer = _buffer[(int)reader.Consumed..];
                return message;
            }

            if (result is SipFrameResult.Ping or SipFrameResult.Pong)
            {
                _buffer = _buffer[(int)reader.Consumed..];
                continue;
            }

            if (await ReadMoreAsync(timeout.Token) == 0)
            {
                throw new IOException("The connection closed before a whole message arrived.");
            }
        }
    }

    /// <summary>Reads exactly <paramref name="count"/> raw bytes.</summary>
    public async Task<byte[]> ReadBytesAsync(int count)
    {
        using var timeout = new CancellationTokenSource(TransportHarness.SafetyTimeout);
        while (_buffer.Length < count)
        {
            if (await ReadMoreAsync(timeout.Token) == 0)
            {
                throw new IOException("The connection closed.");
            }
        }

        var bytes = _buffer[..count];
        _buffer = _buffer[count..];
        return bytes;
    }

    /// <summary>True when the peer closes the connection (read returns 0 or resets) within the safety timeout.</summary>
    public async Task<bool> IsClosedByRemoteAsync()
    {
        using var timeout = new CancellationTokenSource(TransportHarness.SafetyTimeout);
        try
        {
            while (await ReadMoreAsync(timeout.Token) > 0)
            {
            }

            return true;
        }
        catch (SocketException)
        {
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    public void Dispose() => _socket.Dispose();

    private async Task<int> ReadMoreAsync(CancellationToken cancellationToken)
    {
        var chunk = new byte[8_192];
        var read = await _socket.ReceiveAsync(chunk, SocketFlags.None, cancellationToken);
        _buffer = [.. _buffer, .. chunk.AsSpan(0, read)];
        return read;
    }
}
