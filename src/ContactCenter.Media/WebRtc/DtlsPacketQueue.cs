using System.Collections.Concurrent;
using Org.BouncyCastle.Tls;

namespace ContactCenter.Media.WebRtc;

/// <summary>
/// BouncyCastle's view of the media socket during the DTLS handshake: the DTLS records the receive loop sorted out
/// (RFC 7983) come in through a bounded queue; what DTLS sends goes straight to the socket through <paramref name="send"/>.
/// </summary>
internal sealed class DtlsPacketQueue(Action<ReadOnlySpan<byte>> send, int mtu = 1_200) : DatagramTransport, IDisposable
{
    private readonly BlockingCollection<byte[]> _packets = new(boundedCapacity: 64);

    /// <summary>Queues a received DTLS record; dropped when the handshake is not keeping up or is over.</summary>
    public void Enqueue(ReadOnlySpan<byte> packet)
    {
        if (!_packets.IsAddingCompleted)
        {
            _packets.TryAdd(packet.ToArray());
        }
    }

    /// <inheritdoc />
    public int GetReceiveLimit() => mtu;

    /// <inheritdoc />
    public int GetSendLimit() => mtu;

    /// <inheritdoc />
    public int Receive(byte[] buf, int off, int len, int waitMillis) => Receive(buf.AsSpan(off, len), waitMillis);

    /// <inheritdoc />
    public int Receive(Span<byte> buffer, int waitMillis)
    {
        try
        {
            if (!_packets.TryTake(out var packet, waitMillis))
            {
                // BouncyCastle's contract: -1 when nothing came within the wait; it then retransmits or gives up. Closed: an
                // I/O error ends the handshake (a TlsTimeoutException would count as "nothing yet": it would retry at once, forever).
                return _packets.IsCompleted ? throw new IOException("the media socket closed") : -1;
            }

            var length = Math.Min(packet.Length, buffer.Length);
            packet.AsSpan(0, length).CopyTo(buffer);
            return length;
        }
        catch (ObjectDisposedException)
        {
            throw new IOException("the media socket closed");
        }
    }

    /// <inheritdoc />
    public void Send(byte[] buf, int off, int len) => send(buf.AsSpan(off, len));

    /// <inheritdoc />
    public void Send(ReadOnlySpan<byte> buffer) => send(buffer);

    /// <inheritdoc />
    public void Close() => _packets.CompleteAdding();

    /// <summary>Frees the queue; call once the handshake thread has ended.</summary>
    public void Dispose() => _packets.Dispose();
}
