using System.Net;
using System.Net.Sockets;
using System.Text;
using ContactCenter.Sip.Syntax;

namespace ContactCenter.Sip.Transport.Tests;

/// <summary>A TCP peer on 127.0.0.1: writes raw text, reads framed SIP messages or raw bytes.</summary>
internal sealed class TcpPeer : IDisposable
{
    private readonly Socket _socket;
    private readonly NetworkStream _stream;
    private readonly StreamPeer _reader;

    private TcpPeer(Socket socket)
    {
        _socket = socket;
        _stream = new NetworkStream(socket, ownsSocket: false);
        _reader = new StreamPeer(_stream);
    }

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
    public Task<SipMessage> ReadMessageAsync() => _reader.ReadMessageAsync();

    /// <summary>Reads exactly <paramref name="count"/> raw bytes.</summary>
    public Task<byte[]> ReadBytesAsync(int count) => _reader.ReadBytesAsync(count);

    /// <summary>True when the peer closes the connection (read returns 0 or resets) within the safety timeout.</summary>
    public Task<bool> IsClosedByRemoteAsync() => _reader.IsClosedByRemoteAsync();

    public void Dispose()
    {
        _stream.Dispose();
        _socket.Dispose();
    }
}
