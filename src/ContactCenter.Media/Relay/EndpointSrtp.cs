using System.Buffers;
using ContactCenter.Media.Srtp;

namespace ContactCenter.Media.Relay;

/// <summary>
/// The SRTP side of one <see cref="MediaEndpoint"/> (RFC 3711): what arrives is authenticated and decrypted before
/// anything else looks at it (so a forged packet never latches the leg or reaches the bridge), what leaves is
/// protected in a pooled copy. Null session: plain RTP. A session replaced by a re-INVITE stays alive until the
/// endpoint is disposed, since a receive loop or a sender may still hold it.
/// </summary>
internal sealed class EndpointSrtp : IDisposable
{
    private readonly Lock _gate = new();
    private readonly List<SrtpSession> _retired = [];
    private volatile SrtpSession? _session;
    private volatile bool _disposed;

    /// <summary>Whether packets are SRTP now.</summary>
    public bool IsOn => _session is not null;

    /// <summary>Switches SRTP on with new keys, or off with null.</summary>
    public void Set(SrtpSession? session)
    {
        lock (_gate)
        {
            if (_session is { } previous && !ReferenceEquals(previous, session))
            {
                _retired.Add(previous);
            }

            _session = session;
        }
    }

    /// <summary>Authenticates and decrypts an SRTP (or, with <paramref name="rtcp"/>, SRTCP) packet in place; plain RTP passes as it is.</summary>
    public SrtpResult Unprotect(Memory<byte> datagram, bool rtcp, out Memory<byte> plain)
    {
        var session = _session;
        if (session is null)
        {
            plain = datagram;
            return SrtpResult.Ok;
        }

        var result = rtcp ? session.UnprotectRtcp(datagram.Span, out int length) : session.UnprotectRtp(datagram.Span, out length);
        plain = result == SrtpResult.Ok ? datagram[..length] : Memory<byte>.Empty;
        return result;
    }

    /// <summary>
    /// The packet to send: <paramref name="packet"/> itself for plain RTP (null rented buffer), else a protected copy in a
    /// pooled buffer the caller returns with <see cref="Return"/>. Null packet when protection fails.
    /// </summary>
    public ReadOnlyMemory<byte>? Protect(ReadOnlyMemory<byte> packet, bool rtcp, out byte[]? rented)
    {
        rented = null;
        var session = _session;
        if (session is null)
        {
            return _disposed ? null : packet; // disposed: fail closed, never plain RTP from a leg that had keys
        }

        rented = ArrayPool<byte>.Shared.Rent(packet.Length + Math.Max(session.RtpOverhead, session.RtcpOverhead));
        packet.Span.CopyTo(rented);
        var result = rtcp
            ? session.ProtectRtcp(rented, packet.Length, out int length)
            : session.ProtectRtp(rented, packet.Length, out length);
        return result == SrtpResult.Ok ? rented.AsMemory(0, length) : null;
    }

    /// <summary>Gives a buffer from <see cref="Protect"/> back to the pool.</summary>
    public static void Return(byte[]? rented)
    {
        if (rented is not null)
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        lock (_gate)
        {
            _disposed = true;
            _session?.Dispose();
            _session = null;
            foreach (var session in _retired)
            {
                session.Dispose();
            }

            _retired.Clear();
        }
    }
}
