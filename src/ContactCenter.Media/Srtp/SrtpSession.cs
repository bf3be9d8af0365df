using System.Buffers.Binary;
using System.Security.Cryptography;

namespace ContactCenter.Media.Srtp;

/// <summary>
/// SRTP and SRTCP (RFC 3711) for one media leg: packets we send are protected with our master key, packets the peer
/// sends are authenticated, checked against replay and decrypted with the peer's. Each direction serialises itself, so
/// the relay's receive loop and other senders (announcements, DTMF) may use one session together.
/// </summary>
public sealed class SrtpSession : IDisposable
{
    /// <summary>How many SSRCs a peer may send at once (a forked or restarted source adds one).</summary>
    public const int MaxStreams = 16;

    private const int MacLength = 20;
    private readonly SrtpSuite _suite;
    private readonly SrtpCipher _sendRtp, _sendRtcp, _receiveRtp, _receiveRtcp;
    private readonly Dictionary<uint, SendState> _sent = [];
    private readonly Dictionary<uint, ReceiveState> _received = [];
    private readonly Dictionary<uint, SrtpReplayWindow> _receivedRtcp = [];
    private readonly Lock _sendLock = new(), _receiveLock = new();
    private uint _rtcpIndex;

    /// <summary>A session sending with <paramref name="local"/> and receiving with <paramref name="remote"/> (same suite).</summary>
    public SrtpSession(SrtpMasterKey local, SrtpMasterKey remote)
    {
        ArgumentNullException.ThrowIfNull(local);
        ArgumentNullException.ThrowIfNull(remote);
        if (local.Suite != remote.Suite)
        {
            throw new ArgumentException("Both directions use one crypto suite.", nameof(remote));
        }

        _suite = local.Suite;
        _sendRtp = new SrtpCipher(local, rtcp: false);
        _sendRtcp = new SrtpCipher(local, rtcp: true);
        _receiveRtp = new SrtpCipher(remote, rtcp: false);
        _receiveRtcp = new SrtpCipher(remote, rtcp: true);
    }

    /// <summary>Bytes SRTP adds to an RTP packet.</summary>
    public int RtpOverhead => _suite.RtpTagLength;

    /// <summary>Bytes SRTCP adds to an RTCP packet (the E flag and index, and the tag).</summary>
    public int RtcpOverhead => 4 + _suite.RtcpTagLength;

    /// <summary>
    /// Protects the RTP packet in the first <paramref name="length"/> bytes of <paramref name="buffer"/> in place; the
    /// buffer must have room for <see cref="RtpOverhead"/> more bytes.
    /// </summary>
    public SrtpResult ProtectRtp(Span<byte> buffer, int length, out int protectedLength)
    {
        protectedLength = 0;
        if (!TryRtpHeaderLength(buffer[..Math.Min(length, buffer.Length)], out int header) || buffer.Length < length + _suite.RtpTagLength)
        {
            return SrtpResult.Malformed;
        }

        uint ssrc = BinaryPrimitives.ReadUInt32BigEndian(buffer[8..]);
        ushort sequence = BinaryPrimitives.ReadUInt16BigEndian(buffer[2..]);
        lock (_sendLock)
        {
            uint rollOver;
            if (!_sent.TryGetValue(ssrc, out SendState state))
            {
                if (_sent.Count >= MaxStreams)
                {
                    _sent.Clear();
                }

                (state, rollOver) = (new SendState(0, sequence), 0);
            }
            else if (sequence < state.LastSequence && state.LastSequence - sequence > 0x8000)
            {
                // The 16-bit sequence number wrapped: the rollover counter counts it (RFC 3711 §3.3.1).
                state = new SendState(state.RollOver + 1, sequence);
                rollOver = state.RollOver;
            }
            else if (sequence > state.LastSequence && sequence - state.LastSequence > 0x8000)
            {
                // A packet from before the last wrap, sent late: it keeps the previous counter.
                rollOver = state.RollOver - 1;
            }
            else
            {
                state = sequence > state.LastSequence ? state with { LastSequence = sequence } : state;
                rollOver = state.RollOver;
            }

            _sent[ssrc] = state;
            ulong index = ((ulong)rollOver << 16) | sequence;
            _sendRtp.Crypt(ssrc, index, buffer[header..length]);
            AppendTag(_sendRtp, buffer, length, rollOver, _suite.RtpTagLength);
        }

        protectedLength = length + _suite.RtpTagLength;
        return SrtpResult.Ok;
    }

    /// <summary>Authenticates and decrypts the SRTP packet in <paramref name="packet"/> in place.</summary>
    /// <param name="packet">The packet as received.</param>
    /// <param name="plainLength">The length of the RTP packet left at the start of <paramref name="packet"/>.</param>
    public SrtpResult UnprotectRtp(Span<byte> packet, out int plainLength)
    {
        plainLength = 0;
        int length = packet.Length - _suite.RtpTagLength;
        if (length < 12 || !TryRtpHeaderLength(packet[..length], out int header))
        {
            return SrtpResult.Malformed;
        }

        uint ssrc = BinaryPrimitives.ReadUInt32BigEndian(packet[8..]);
        ushort sequence = BinaryPrimitives.ReadUInt16BigEndian(packet[2..]);
        lock (_receiveLock)
        {
            bool known = _received.TryGetValue(ssrc, out ReceiveState state);
            if (!known && _received.Count >= MaxStreams)
            {
                return SrtpResult.TooManyStreams;
            }

            uint rollOver = known ? EstimateRollOver(state, sequence) : 0;
            ulong index = ((ulong)rollOver << 16) | sequence;
            if (known && !state.Window.IsFresh(index))
            {
                return SrtpResult.Replayed;
            }

            if (!TagMatches(_receiveRtp, packet[..length], rollOver, packet.Slice(length, _suite.RtpTagLength)))
            {
                return SrtpResult.AuthenticationFailed;
            }

            _receiveRtp.Crypt(ssrc, index, packet[header..length]);
            if (!known)
            {
                state = new ReceiveState(rollOver, sequence, default);
            }

            if (!known || index > state.Window.Highest)
            {
                state = state with { RollOver = rollOver, LastSequence = sequence };
            }

            SrtpReplayWindow window = state.Window;
            window.Mark(index);
            _received[ssrc] = state with { Window = window };
        }

        plainLength = length;
        return SrtpResult.Ok;
    }

    /// <summary>
    /// Protects the RTCP compound packet in the first <paramref name="length"/> bytes of <paramref name="buffer"/> in
    /// place (RFC 3711 §3.4, encrypted, E flag set); the buffer must have room for <see cref="RtcpOverhead"/> more bytes.
    /// </summary>
    public SrtpResult ProtectRtcp(Span<byte> buffer, int length, out int protectedLength)
    {
        protectedLength = 0;
        if (length < 8 || buffer.Length < length + RtcpOverhead || buffer[0] >> 6 != 2)
        {
            return SrtpResult.Malformed;
        }

        uint ssrc = BinaryPrimitives.ReadUInt32BigEndian(buffer[4..]);
        lock (_sendLock)
        {
            _rtcpIndex = (_rtcpIndex + 1) & 0x7FFF_FFFF;
            _sendRtcp.Crypt(ssrc, _rtcpIndex, buffer[8..length]);
            BinaryPrimitives.WriteUInt32BigEndian(buffer[length..], 0x8000_0000 | _rtcpIndex);
            Span<byte> mac = stackalloc byte[MacLength];
            _sendRtcp.Authenticate(buffer[..(length + 4)], [], mac);
            mac[.._suite.RtcpTagLength].CopyTo(buffer[(length + 4)..]);
        }

        protectedLength = length + RtcpOverhead;
        return SrtpResult.Ok;
    }

    /// <summary>Authenticates and, when encrypted, decrypts the SRTCP packet in <paramref name="packet"/> in place.</summary>
    public SrtpResult UnprotectRtcp(Span<byte> packet, out int plainLength)
    {
        plainLength = 0;
        int length = packet.Length - RtcpOverhead;
        if (length < 8 || packet[0] >> 6 != 2)
        {
            return SrtpResult.Malformed;
        }

        uint ssrc = BinaryPrimitives.ReadUInt32BigEndian(packet[4..]);
        uint trailer = BinaryPrimitives.ReadUInt32BigEndian(packet[length..]);
        ulong index = trailer & 0x7FFF_FFFF;
        lock (_receiveLock)
        {
            bool known = _receivedRtcp.TryGetValue(ssrc, out SrtpReplayWindow window);
            if (!known && _receivedRtcp.Count >= MaxStreams)
            {
                return SrtpResult.TooManyStreams;
            }

            if (known && !window.IsFresh(index))
            {
                return SrtpResult.Replayed;
            }

            Span<byte> mac = stackalloc byte[MacLength];
            _receiveRtcp.Authenticate(packet[..(length + 4)], [], mac);
            if (!CryptographicOperations.FixedTimeEquals(mac[.._suite.RtcpTagLength], packet.Slice(length + 4, _suite.RtcpTagLength)))
            {
                return SrtpResult.AuthenticationFailed;
            }

            if ((trailer & 0x8000_0000) != 0)
            {
                _receiveRtcp.Crypt(ssrc, index, packet[8..length]);
            }

            window.Mark(index);
            _receivedRtcp[ssrc] = window;
        }

        plainLength = length;
        return SrtpResult.Ok;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _sendRtp.Dispose();
        _sendRtcp.Dispose();
        _receiveRtp.Dispose();
        _receiveRtcp.Dispose();
    }

    private static uint EstimateRollOver(ReceiveState state, ushort sequence)
    {
        // RFC 3711 §3.3.1: the index nearest the highest one received, within half the sequence space.
        int last = state.LastSequence;
        if (last < 0x8000)
        {
            return sequence - last > 0x8000 && state.RollOver > 0 ? state.RollOver - 1 : state.RollOver;
        }

        return last - 0x8000 > sequence ? state.RollOver + 1 : state.RollOver;
    }

    private static void AppendTag(SrtpCipher cipher, Span<byte> buffer, int length, uint rollOver, int tagLength)
    {
        Span<byte> roc = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(roc, rollOver);
        Span<byte> mac = stackalloc byte[MacLength];
        cipher.Authenticate(buffer[..length], roc, mac);
        mac[..tagLength].CopyTo(buffer[length..]);
    }

    private static bool TagMatches(SrtpCipher cipher, ReadOnlySpan<byte> authenticated, uint rollOver, ReadOnlySpan<byte> tag)
    {
        Span<byte> roc = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(roc, rollOver);
        Span<byte> mac = stackalloc byte[MacLength];
        cipher.Authenticate(authenticated, roc, mac);
        return CryptographicOperations.FixedTimeEquals(mac[..tag.Length], tag);
    }

    private static bool TryRtpHeaderLength(ReadOnlySpan<byte> packet, out int length)
    {
        length = 0;
        if (packet.Length < 12 || packet[0] >> 6 != 2)
        {
            return false;
        }

        length = 12 + (4 * (packet[0] & 0x0F));
        if ((packet[0] & 0x10) != 0)
        {
            if (packet.Length < length + 4)
            {
                return false;
            }

            length += 4 + (4 * BinaryPrimitives.ReadUInt16BigEndian(packet[(length + 2)..]));
        }

        return length <= packet.Length;
    }

    private readonly record struct SendState(uint RollOver, ushort LastSequence);

    private readonly record struct ReceiveState(uint RollOver, ushort LastSequence, SrtpReplayWindow Window);
}
