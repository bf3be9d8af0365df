using System.Net;
using System.Net.Sockets;
using ContactCenter.Media.Ports;
using Microsoft.Extensions.Logging;

namespace ContactCenter.Media.Relay;

/// <summary>What a <see cref="ReceivingPair"/> hands its datagrams to: the endpoint of the leg that holds the pair now.</summary>
internal interface IPairReceiver
{
    /// <summary>Counts a receive in; false once the receiver is closing (the datagram is dropped).</summary>
    bool TryEnter();

    /// <summary>Counts a receive out (after <see cref="OnReceivedAsync"/>, whatever it did).</summary>
    void Exit();

    /// <summary>One receive's outcome on the pair's RTP (<paramref name="rtp"/>) or RTCP socket; the datagram is valid until it completes.</summary>
    ValueTask OnReceivedAsync(DatagramReceiver receiver, SocketError error, bool rtp);
}

/// <summary>
/// A leased RTP/RTCP port pair whose two receive loops run for as long as the pair is bound, across the legs that hold it
/// in turn (issue #14): a leg attaches, gets the datagrams, detaches; between legs they are dropped. Starting and ending a
/// receive loop per leg (and so per socket a new socket, a bind, an epoll registration, two thread-pool hops and a close)
/// was a tenth of the host's CPU at 1,000 calls/s. See <see cref="WarmPortPairs"/>.
/// </summary>
internal sealed class ReceivingPair : IDisposable
{
    private const int MaxDatagram = 2_048;

    private readonly RtpPortLease _lease;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly DatagramReceiver _rtp;
    private readonly DatagramReceiver _rtcp;
    private volatile IPairReceiver? _receiver;
    private int _loops = 2;
    private int _closed;
    private long _dropped;

    public ReceivingPair(RtpPortLease lease, TimeProvider time, ILogger logger)
    {
        (_lease, _time, _logger) = (lease, time, logger);
        _rtp = new DatagramReceiver(lease.RtpSocket, MaxDatagram);
        _rtcp = new DatagramReceiver(lease.RtcpSocket, MaxDatagram);
        _ = ReceiveLoopAsync(_rtp, rtp: true);
        _ = ReceiveLoopAsync(_rtcp, rtp: false);
    }

    public IPEndPoint RtpEndPoint => _lease.RtpEndPoint;

    public IPEndPoint RtcpEndPoint => _lease.RtcpEndPoint;

    public Socket RtpSocket => _lease.RtpSocket;

    public Socket RtcpSocket => _lease.RtcpSocket;

    /// <summary>Datagrams that arrived while no leg held the pair (dropped).</summary>
    public long Dropped => Interlocked.Read(ref _dropped);

    /// <summary>False once a receive loop ended (the pair was closed, or its socket failed): such a pair is not reused.</summary>
    public bool Healthy => Volatile.Read(ref _loops) == 2 && Volatile.Read(ref _closed) == 0;

    /// <summary>From now on datagrams go to <paramref name="receiver"/>.</summary>
    public void Attach(IPairReceiver receiver) => _receiver = receiver;

    /// <summary>From now on datagrams are dropped (the receiver waits for those it is handling itself).</summary>
    public void Detach() => _receiver = null;

    /// <summary>
    /// The leg that held the pair ended with <paramref name="source"/> as its RTP peer: the next leg refuses that source for
    /// <paramref name="guard"/> from now (<see cref="PreviousPeer"/>, <see cref="SourceLatch.Refuse"/>).
    /// </summary>
    public void Forget(SocketAddress? source, TimeSpan guard) =>
        PreviousPeer = source is null || guard <= TimeSpan.Zero ? null : (source, _time.GetTimestamp() + (long)(guard.TotalSeconds * _time.TimestampFrequency));

    /// <summary>The last leg's RTP peer and until when (a timestamp) the next leg refuses it, or null.</summary>
    public (SocketAddress Source, long Until)? PreviousPeer { get; private set; }

    /// <summary>Ends both loops and closes the sockets, returning the ports (each loop frees its receiver as it ends).</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _closed, 1) != 0)
        {
            return;
        }

        _receiver = null;
        _rtp.Stop();
        _rtcp.Stop();
        _lease.Dispose(); // closing completes the pending receives with OperationAborted: the loops end
    }

    private async Task ReceiveLoopAsync(DatagramReceiver receiver, bool rtp)
    {
        await Task.Yield();
        try
        {
            while (true)
            {
                SocketError error;
                try
                {
                    error = await receiver.ReceiveAsync();
                }
                catch (ObjectDisposedException)
                {
                    break;
                }
#pragma warning disable CA1031 // Not expected from a receive; the pair is then unhealthy and closed when its leg ends.
                catch (Exception ex)
#pragma warning restore CA1031
                {
                    _logger.HandlerFailed(ex, RtpEndPoint);
                    break;
                }

                if (error == SocketError.OperationAborted)
                {
                    break; // closed (or the receiver stopped)
                }

                var current = _receiver;
                if (current is null || !current.TryEnter())
                {
                    Interlocked.Increment(ref _dropped);
                    continue; // between legs: nobody's datagram
                }

                try
                {
                    await current.OnReceivedAsync(receiver, error, rtp);
                }
#pragma warning disable CA1031 // Style §9: a receive loop never dies from one bad packet or handler (the endpoint logs its own).
                catch (Exception)
#pragma warning restore CA1031
                {
                }
                finally
                {
                    current.Exit();
                }
            }
        }
        finally
        {
            Interlocked.Decrement(ref _loops);
            receiver.Dispose();
        }
    }
}
