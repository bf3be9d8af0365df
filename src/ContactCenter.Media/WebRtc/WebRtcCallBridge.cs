using System.Buffers.Binary;
using System.Diagnostics.CodeAnalysis;
using System.Net;
using System.Net.Sockets;
using ContactCenter.Media.Codecs;
using ContactCenter.Media.Ports;
using ContactCenter.Media.Relay;
using ContactCenter.Media.Rtp;
using ContactCenter.Media.Srtp;
using Microsoft.Extensions.Logging;

namespace ContactCenter.Media.WebRtc;

/// <summary>
/// A browser leg's media adapter: on one side the browser's <see cref="WebRtcMediaSocket"/> (ICE-lite, DTLS-SRTP, Opus or
/// G.711), on the other plain G.711 RTP at 8 kHz toward the call's relay endpoint, as any phone would send it. Both sockets
/// come from one lease of the configured RTP range (the even port faces the browser, the odd one the call) and go back
/// with it on dispose. Opus is transcoded with one <see cref="OpusG711Transcoder"/> per leg (each direction on its own
/// receive path), G.711 passes (law converted when the two sides differ), RFC 4733 events are rescaled between the
/// browser's event clock and 8 kHz; RTP timestamps are mapped by the clock ratio, RTCP stays on its own side.
/// </summary>
public sealed partial class WebRtcCallBridge : IAsyncDisposable
{
    private const int MaxPacket = 1_500;

    private readonly RtpPortLease _lease;
    private readonly Socket _call;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _stopping = new();
    private readonly uint _toBrowserSsrc = (uint)Random.Shared.NextInt64(1, uint.MaxValue);
    private readonly uint _toCallSsrc = (uint)Random.Shared.NextInt64(1, uint.MaxValue);
    private readonly byte[] _fromBrowserAudio = new byte[OpusG711Transcoder.MaxDecodedSamples];
    private readonly byte[] _toCallPacket = new byte[MaxPacket];
    private readonly byte[] _toBrowserPending = new byte[G711.SamplesPerFrame];
    private readonly byte[][] _outgoing = [new byte[MaxPacket], new byte[MaxPacket], new byte[MaxPacket], new byte[MaxPacket]];
    private readonly int[] _outgoingLengths = new int[4];
    private Formats? _formats;
    private IPEndPoint? _callRemote;
    private SrtpSession? _callSrtp;
    private Task _receive = Task.CompletedTask;
    private long _fromCall;
    private long _toBrowser;
    private long _fromBrowser;
    private long _toCall;

    // Call -> browser (the call socket's receive loop only).
    private bool _toBrowserStarted;
    private uint _toBrowserInBase;
    private uint _toBrowserOutBase;
    private ushort _toBrowserSequence;
    private uint _toBrowserNext;
    private int _toBrowserPendingLength;

    // Browser -> call (the browser socket's receive loop only).
    private bool _toCallStarted;
    private uint _toCallInBase;
    private uint _toCallOutBase;
    private ushort _toCallSequence;

    private WebRtcCallBridge(RtpPortLease lease, IceLiteResponder ice, DtlsCertificate certificate, DtlsHandshakeSlots handshakes, ILogger logger)
    {
        _lease = lease;
        _logger = logger;
        Browser = new WebRtcMediaSocket(lease.RtpSocket, ice, certificate, remoteFingerprint: null, logger, handshakes);
        _call = lease.RtcpSocket;
        Browser.PacketReceived = OnBrowserPacket;
    }

    /// <summary>The browser side (its port is the SDP candidate; its keys say when DTLS completed).</summary>
    public WebRtcMediaSocket Browser { get; }

    /// <summary>The call side: where the call's relay endpoint sends the leg's G.711.</summary>
    public IPEndPoint CallEndPoint => _lease.RtcpEndPoint;

    /// <summary>Leases a port pair from <paramref name="ports"/>; false when the range is exhausted. The DTLS handshake takes one of <paramref name="handshakes"/>.</summary>
    public static bool TryCreate(RtpPortAllocator ports, IceLiteResponder ice, DtlsCertificate certificate, DtlsHandshakeSlots handshakes, ILogger logger,
        [NotNullWhen(true)] out WebRtcCallBridge? bridge)
    {
        ArgumentNullException.ThrowIfNull(ports);
        ArgumentNullException.ThrowIfNull(handshakes);
        ArgumentNullException.ThrowIfNull(ice);
        ArgumentNullException.ThrowIfNull(certificate);
        ArgumentNullException.ThrowIfNull(logger);
        bridge = null;
        if (!ports.TryAllocate(out var lease))
        {
            return false;
        }

        try
        {
            bridge = new WebRtcCallBridge(lease, ice, certificate, handshakes, logger);
            return true;
        }
        catch
        {
            lease.Dispose();
            throw;
        }
    }

    /// <summary>Sets (or changes) the formats each side agreed: the browser's and the call's G.711.</summary>
    public void Configure(WebRtcAudioFormat browser, MediaLegFormat call)
    {
        ArgumentNullException.ThrowIfNull(browser);
        ArgumentNullException.ThrowIfNull(call);
        var current = Volatile.Read(ref _formats);
        if (current is not null && current.Browser == browser && current.Call == call)
        {
            return;
        }

        var transcoder = browser.IsOpus
            ? current is { Browser.IsOpus: true } && current.Call.Law == call.Law ? current.Opus : new OpusG711Transcoder(call.Law)
            : null;
        Volatile.Write(ref _formats, new Formats(browser, call, transcoder));
    }

    /// <summary>Where the call's G.711 goes (the relay endpoint's address from its SDP); null stops sending (hold with no address).</summary>
    public void SetCallRemote(IPEndPoint? remote) => Volatile.Write(ref _callRemote, remote);

    /// <summary>
    /// SRTP with SDES keys on the call side (the engine required it: an extension that must use TLS and SRTP whose desk
    /// phone rings beside the browser); null for plain RTP. Keys are set once per leg (a renegotiation keeps them); the
    /// session in use when the bridge closes is disposed with it.
    /// </summary>
    public void SetCallSrtp(SrtpSession? session) => Volatile.Write(ref _callSrtp, session);

    /// <summary>Starts both receive loops.</summary>
    public void Start()
    {
        Browser.Start();
        _receive = ReceiveFromCallAsync(_stopping.Token);
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync().ConfigureAwait(false);
        await Browser.DisposeAsync().ConfigureAwait(false);
        _call.Dispose();
        await _receive.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        var (local, fromBrowser, toCall) = (Browser.LocalEndPoint, Interlocked.Read(ref _fromBrowser), Interlocked.Read(ref _toCall));
        LogClosed(_logger, local, _fromCall, _toBrowser, fromBrowser, toCall);
        _lease.Dispose();
        _stopping.Dispose();
        Interlocked.Exchange(ref _callSrtp, null)?.Dispose();
    }

    // RFC 5761 §4 / RFC 3550: payload types 200-204 in the second byte are RTCP (SR, RR, SDES, BYE, APP) and RTPFB/PSFB 205-206.
    private static bool IsRtcp(ReadOnlySpan<byte> packet) => packet.Length > 1 && packet[1] is >= 192 and <= 223;

    private async Task ReceiveFromCallAsync(CancellationToken cancellationToken)
    {
        await Task.Yield();
        var buffer = new byte[MaxPacket];
        EndPoint any = new IPEndPoint(CallEndPoint.AddressFamily == AddressFamily.InterNetworkV6 ? IPAddress.IPv6Any : IPAddress.Any, 0);
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                var received = await _call.ReceiveFromAsync(buffer, SocketFlags.None, any, cancellationToken).ConfigureAwait(false);
                // Only the call's relay endpoint feeds the browser.
                if (Volatile.Read(ref _callRemote) is not { } remote || !remote.Address.Equals(((IPEndPoint)received.RemoteEndPoint).Address))
                {
                    continue;
                }

                var length = received.ReceivedBytes;
                if (Volatile.Read(ref _callSrtp) is { } srtp && !IsRtcp(buffer.AsSpan(0, length))
                    && srtp.UnprotectRtp(buffer.AsSpan(0, length), out length) != SrtpResult.Ok)
                {
                    continue; // forged, replayed or keyed otherwise (the engine's SRTCP is dropped as its RTCP is)
                }

                _fromCall++;
                var count = ToBrowser(buffer.AsSpan(0, length));
                for (var i = 0; i < count; i++)
                {
                    if (await Browser.SendAsync(_outgoing[i].AsMemory(0, _outgoingLengths[i]), cancellationToken).ConfigureAwait(false))
                    {
                        _toBrowser++;
                    }
                }
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (ObjectDisposedException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
#pragma warning disable CA1031 // A receive loop never dies from one bad packet (style guide §9).
            catch (Exception ex)
#pragma warning restore CA1031
            {
                LogPacketFailed(_logger, ex, CallEndPoint);
            }
        }
    }

    /// <summary>
    /// One packet from the call turned into the browser's format: packets written to <see cref="_outgoing"/>, their count
    /// returned (0 to drop it). Opus takes 20 ms frames: the call's G.711 (20 or 30 ms a packet, as phones send it) is
    /// reframed through <see cref="_toBrowserPending"/>, each frame one Opus packet 960 ticks after the last.
    /// </summary>
    private int ToBrowser(ReadOnlySpan<byte> data)
    {
        if (IsRtcp(data) || !RtpPacket.TryParse(data, out var packet) || Volatile.Read(ref _formats) is not { } formats)
        {
            return 0;
        }

        var browser = formats.Browser;
        var ratio = (uint)(browser.ClockRate / G711.SampleRate);
        if (!_toBrowserStarted)
        {
            (_toBrowserStarted, _toBrowserInBase, _toBrowserOutBase) = (true, packet.Timestamp, (uint)Random.Shared.NextInt64(0, uint.MaxValue));
            _toBrowserSequence = (ushort)Random.Shared.Next(0, ushort.MaxValue);
        }

        var timestamp = _toBrowserOutBase + ((packet.Timestamp - _toBrowserInBase) * ratio);
        Span<byte> payload = stackalloc byte[MaxPacket];
        if (formats.Call.TryGetAudioLaw(packet.PayloadType, out var law))
        {
            if (formats.Opus is not { } opus)
            {
                var length = Math.Min(packet.Payload.Length, MaxPacket - 64);
                G711.Transcode(law, browser.Law, packet.Payload[..length], payload);
                return Write(0, browser.PayloadType, timestamp, payload[..length], packet.Marker);
            }

            // Frames left over from the last packet go on from where they were; otherwise this packet's own time.
            if (_toBrowserPendingLength == 0)
            {
                _toBrowserNext = timestamp;
            }

            var count = 0;
            var input = packet.Payload;
            while (input.Length > 0)
            {
                var take = Math.Min(input.Length, G711.SamplesPerFrame - _toBrowserPendingLength);
                G711.Transcode(law, formats.Call.Law, input[..take], _toBrowserPending.AsSpan(_toBrowserPendingLength));
                _toBrowserPendingLength += take;
                input = input[take..];
                if (_toBrowserPendingLength == G711.SamplesPerFrame && count < _outgoing.Length)
                {
                    var encoded = opus.G711ToOpus(_toBrowserPending, payload);
                    count = Write(count, browser.PayloadType, _toBrowserNext, payload[..encoded], packet.Marker && count == 0);
                    (_toBrowserPendingLength, _toBrowserNext) = (0, _toBrowserNext + (uint)OpusG711Transcoder.OpusTimestampStep);
                }
            }

            return count;
        }

        if (packet.PayloadType == formats.Call.TelephoneEventPayloadType && browser.EventPayloadType is { } eventType && packet.Payload.Length >= 4)
        {
            var length = RescaleEvent(packet.Payload, payload, browser.EventClockRate, G711.SampleRate);
            return Write(0, eventType, timestamp, payload[..length], packet.Marker);
        }

        return 0;
    }

    /// <summary>Writes one RTP packet toward the browser into <see cref="_outgoing"/>[<paramref name="index"/>]; returns the count so far.</summary>
    private int Write(int index, byte payloadType, uint timestamp, ReadOnlySpan<byte> payload, bool marker)
    {
        var packet = new RtpPacket(payloadType, _toBrowserSequence, timestamp, _toBrowserSsrc, payload) { Marker = marker };
        if (!packet.TryWrite(_outgoing[index], out var length))
        {
            return index;
        }

        _toBrowserSequence++;
        _outgoingLengths[index] = length;
        return index + 1;
    }

    /// <summary>Copies an RFC 4733 event payload with its duration rescaled from <paramref name="fromClock"/> to <paramref name="toClock"/>.</summary>
    internal static int RescaleEvent(ReadOnlySpan<byte> source, Span<byte> destination, int toClock, int fromClock)
    {
        source[..4].CopyTo(destination);
        var duration = (ulong)BinaryPrimitives.ReadUInt16BigEndian(source[2..]) * (ulong)toClock / (ulong)fromClock;
        BinaryPrimitives.WriteUInt16BigEndian(destination[2..], (ushort)Math.Min(duration, ushort.MaxValue));
        return 4;
    }

    private void OnBrowserPacket(ReadOnlyMemory<byte> memory)
    {
        var data = memory.Span;
        Interlocked.Increment(ref _fromBrowser);
        if (IsRtcp(data) || !RtpPacket.TryParse(data, out var packet) || Volatile.Read(ref _formats) is not { } formats
            || Volatile.Read(ref _callRemote) is not { } remote)
        {
            return;
        }

        var browser = formats.Browser;
        var call = formats.Call;
        var ratio = (uint)(browser.ClockRate / G711.SampleRate);
        if (!_toCallStarted)
        {
            (_toCallStarted, _toCallInBase, _toCallOutBase) = (true, packet.Timestamp, (uint)Random.Shared.NextInt64(0, uint.MaxValue));
            _toCallSequence = (ushort)Random.Shared.Next(0, ushort.MaxValue);
        }

        var timestamp = _toCallOutBase + ((packet.Timestamp - _toCallInBase) / ratio);
        if (packet.PayloadType == browser.PayloadType)
        {
            int samples;
            if (formats.Opus is { } opus)
            {
                samples = opus.OpusToG711(packet.Payload, _fromBrowserAudio);
            }
            else
            {
                samples = Math.Min(packet.Payload.Length, _fromBrowserAudio.Length);
                G711.Transcode(browser.Law, call.Law, packet.Payload[..samples], _fromBrowserAudio);
            }

            // One 20 ms frame per packet toward the relay, as a phone sends them.
            for (var offset = 0; offset + G711.SamplesPerFrame <= samples; offset += G711.SamplesPerFrame)
            {
                SendToCall(new RtpPacket(call.AudioPayloadType, _toCallSequence++, timestamp + (uint)offset, _toCallSsrc,
                    _fromBrowserAudio.AsSpan(offset, G711.SamplesPerFrame)) { Marker = packet.Marker && offset == 0 }, remote);
            }
        }
        else if (packet.PayloadType == browser.EventPayloadType && call.TelephoneEventPayloadType is { } eventType && packet.Payload.Length >= 4)
        {
            Span<byte> payload = stackalloc byte[4];
            RescaleEvent(packet.Payload, payload, G711.SampleRate, browser.EventClockRate);
            SendToCall(new RtpPacket(eventType, _toCallSequence++, timestamp, _toCallSsrc, payload) { Marker = packet.Marker }, remote);
        }
    }

    private void SendToCall(RtpPacket packet, IPEndPoint remote)
    {
        if (!packet.TryWrite(_toCallPacket, out var length)
            || (Volatile.Read(ref _callSrtp) is { } srtp && srtp.ProtectRtp(_toCallPacket, length, out length) != SrtpResult.Ok))
        {
            return;
        }

        try
        {
            _call.SendTo(_toCallPacket.AsSpan(0, length), SocketFlags.None, remote);
            Interlocked.Increment(ref _toCall);
        }
        catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
        {
            // the call's endpoint is gone or we are closing: the packet is lost like any UDP packet
        }
    }

    private sealed record Formats(WebRtcAudioFormat Browser, MediaLegFormat Call, OpusG711Transcoder? Opus);

    [LoggerMessage(Level = LogLevel.Information, Message = "WebRTC call bridge {LocalEndPoint} closed: {FromCall} packets from the call, {ToBrowser} sent to the browser; {FromBrowser} from the browser, {ToCall} sent to the call")]
    private static partial void LogClosed(ILogger logger, IPEndPoint localEndPoint, long fromCall, long toBrowser, long fromBrowser, long toCall);

    [LoggerMessage(Level = LogLevel.Warning, Message = "WebRTC call bridge {LocalEndPoint}: a packet from the call failed; relaying goes on")]
    private static partial void LogPacketFailed(ILogger logger, Exception exception, IPEndPoint localEndPoint);
}
