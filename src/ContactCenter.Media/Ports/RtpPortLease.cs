using System.Net;
using System.Net.Sockets;

namespace ContactCenter.Media.Ports;

/// <summary>
/// An RTP/RTCP port pair taken from <see cref="RtpPortAllocator"/>, with both UDP sockets already bound.
/// Disposing closes the sockets and returns the ports.
/// </summary>
public sealed class RtpPortLease : IDisposable
{
    private readonly RtpPortAllocator _owner;
    private int _disposed;

    internal RtpPortLease(RtpPortAllocator owner, Socket rtpSocket, Socket rtcpSocket)
    {
        _owner = owner;
        RtpSocket = rtpSocket;
        RtcpSocket = rtcpSocket;
        RtpEndPoint = (IPEndPoint)rtpSocket.LocalEndPoint!;
        RtcpEndPoint = (IPEndPoint)rtcpSocket.LocalEndPoint!;
    }

    /// <summary>The local RTP address and (even) port.</summary>
    public IPEndPoint RtpEndPoint { get; }

    /// <summary>The local RTCP address and port (RTP + 1).</summary>
    public IPEndPoint RtcpEndPoint { get; }

    internal Socket RtpSocket { get; }

    internal Socket RtcpSocket { get; }

    /// <inheritdoc/>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        RtpSocket.Dispose();
        RtcpSocket.Dispose();
        _owner.Release(RtpEndPoint.Port);
    }
}
