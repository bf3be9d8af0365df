using System.Buffers;
using System.Net;
using System.Net.Sockets;
using System.Threading.Tasks.Sources;

namespace ContactCenter.Media.Relay;

/// <summary>
/// Receives datagrams on one UDP socket for a receive loop, one at a time, through one reused
/// <see cref="SocketAsyncEventArgs"/>: ending it throws nothing. After <see cref="Stop"/> no receive starts, and closing
/// the socket completes a pending one with <see cref="SocketError.OperationAborted"/> (a result, not an exception as
/// <see cref="Socket.ReceiveFromAsync(Memory{byte}, SocketFlags, SocketAddress, CancellationToken)"/> would throw
/// when cancelled or closed: thousands a second under load, one per socket and call).
/// </summary>
internal sealed class DatagramReceiver : IValueTaskSource<SocketError>, IDisposable
{
    private readonly Socket _socket;
    private readonly SocketAsyncEventArgs _args = new();
    private readonly byte[] _buffer;
    private readonly Lock _gate = new();
    private ManualResetValueTaskSourceCore<SocketError> _source;
    private EndPoint? _sourceEndPoint;
    private SocketAddress? _sourceAddress;
    private bool _stopped;

    /// <summary>Creates a receiver of datagrams up to <paramref name="maxDatagram"/> bytes on <paramref name="socket"/>.</summary>
    public DatagramReceiver(Socket socket, int maxDatagram)
    {
        _socket = socket;
        _buffer = ArrayPool<byte>.Shared.Rent(maxDatagram);
        _args.SetBuffer(_buffer, 0, maxDatagram);
        _args.RemoteEndPoint = new IPEndPoint(socket.AddressFamily == AddressFamily.InterNetworkV6 ? IPAddress.IPv6Any : IPAddress.Any, 0);
        _args.Completed += static (_, args) => ((DatagramReceiver)args.UserToken!)._source.SetResult(args.SocketError);
        _args.UserToken = this;
    }

    /// <summary>The last datagram received; valid until the next receive.</summary>
    public Memory<byte> Datagram => _buffer.AsMemory(0, _args.BytesTransferred);

    /// <summary>Where the last datagram came from; valid until the next receive (kept while the source stays the same).</summary>
    public SocketAddress Source
    {
        get
        {
            EndPoint from = _args.RemoteEndPoint!;
            if (!ReferenceEquals(from, _sourceEndPoint) || _sourceAddress is null)
            {
                _sourceAddress = from.Serialize();
                _sourceEndPoint = from;
            }

            return _sourceAddress;
        }
    }

    /// <summary>
    /// Receives the next datagram (see <see cref="Datagram"/> and <see cref="Source"/>): <see cref="SocketError.Success"/>, or
    /// the error; <see cref="SocketError.OperationAborted"/> once stopped (or the socket closed). At most one at a time.
    /// </summary>
    /// <exception cref="ObjectDisposedException">The socket was closed by someone who did not call <see cref="Stop"/> first.</exception>
    public ValueTask<SocketError> ReceiveAsync()
    {
        _source.Reset();
        bool pending;
        lock (_gate)
        {
            // Under the gate: once Stop returned, the socket may be closed without a receive starting on it (which would throw).
            if (_stopped)
            {
                return new ValueTask<SocketError>(SocketError.OperationAborted);
            }

            pending = _socket.ReceiveFromAsync(_args);
        }

        return pending ? new ValueTask<SocketError>(this, _source.Version) : new ValueTask<SocketError>(_args.SocketError);
    }

    /// <summary>No receive starts after this returns; then close the socket to complete a pending one.</summary>
    public void Stop()
    {
        lock (_gate)
        {
            _stopped = true;
        }
    }

    /// <summary>Frees the buffer; only once the last receive has completed (the loop's end).</summary>
    public void Dispose()
    {
        _args.Dispose();
        ArrayPool<byte>.Shared.Return(_buffer);
    }

    SocketError IValueTaskSource<SocketError>.GetResult(short token) => _source.GetResult(token);

    ValueTaskSourceStatus IValueTaskSource<SocketError>.GetStatus(short token) => _source.GetStatus(token);

    void IValueTaskSource<SocketError>.OnCompleted(Action<object?> continuation, object? state, short token, ValueTaskSourceOnCompletedFlags flags) =>
        _source.OnCompleted(continuation, state, token, flags);
}
