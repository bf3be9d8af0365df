using ContactCenter.Media.Rtp;

namespace ContactCenter.Media.Dtmf;

/// <summary>
/// Sends DTMF digits to one leg as RFC 4733 telephone-events: for each digit, an event packet every 20 ms with
/// the event's start timestamp and the duration so far (§2.5.1.2), the marker bit on the first (§2.5.1.1), then the
/// end packet three times (§2.5.1.4), and a pause before the next digit. Timestamps run at the leg's clock rate;
/// the next event starts where real time has got to. The sink (a relay's media endpoint) folds the packets
/// into the leg's continuous outgoing stream. Paced by a <see cref="TimeProvider"/>.
/// </summary>
public sealed class DtmfSender
{
    /// <summary>The characters that are DTMF digits.</summary>
    public const string Digits = "0123456789*#ABCD";

    /// <summary>How often an event is updated (and its end repeated).</summary>
    public static readonly TimeSpan PacketInterval = TimeSpan.FromMilliseconds(20);

    private const int EndRepeats = 3;
    private const byte Volume = 10;

    private readonly IRtpPacketSink _sink;
    private readonly byte _payloadType;
    private readonly TimeProvider _time;
    private readonly int _clockRate;
    private readonly TimeSpan _tone;
    private readonly TimeSpan _pause;
    private readonly uint _ssrc = RtpRandom.NextUInt32();
    private ushort _sequence = RtpRandom.NextUInt16();
    private uint _timestamp = RtpRandom.NextUInt32();

    /// <summary>Creates a sender for one leg.</summary>
    /// <param name="sink">Where the packets go.</param>
    /// <param name="payloadType">The leg's negotiated telephone-event payload type.</param>
    /// <param name="time">Paces the packets.</param>
    /// <param name="clockRate">The telephone-event clock rate the leg negotiated (8000 for G.711 legs).</param>
    /// <param name="tone">How long each digit lasts (100 ms by default; at least one packet).</param>
    /// <param name="pause">The silence between digits (100 ms by default).</param>
    public DtmfSender(IRtpPacketSink sink, byte payloadType, TimeProvider time, int clockRate = 8_000, TimeSpan? tone = null, TimeSpan? pause = null)
    {
        ArgumentNullException.ThrowIfNull(sink);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(payloadType, (byte)127);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(clockRate);
        (_sink, _payloadType, _time, _clockRate) = (sink, payloadType, time, clockRate);
        _tone = tone ?? TimeSpan.FromMilliseconds(100);
        _pause = pause ?? TimeSpan.FromMilliseconds(100);
        ArgumentOutOfRangeException.ThrowIfLessThan(_tone, PacketInterval);
    }

    /// <summary>Whether every character of <paramref name="digits"/> is a DTMF digit (0-9, *, #, A-D) and there is at least one.</summary>
    public static bool AreDigits(string? digits) =>
        !string.IsNullOrEmpty(digits) && digits.All(d => Digits.Contains(char.ToUpperInvariant(d), StringComparison.Ordinal));

    /// <summary>The RFC 4733 §3.2 event code of a DTMF digit.</summary>
    public static byte EventCode(char digit) => (byte)Digits.IndexOf(char.ToUpperInvariant(digit), StringComparison.Ordinal) switch
    {
        var code when code >= 0 => (byte)code,
        _ => throw new ArgumentOutOfRangeException(nameof(digit), digit, "Not a DTMF digit."),
    };

    /// <summary>Sends <paramref name="digits"/> one after another; returns when the last end packet is sent.</summary>
    public async Task SendAsync(string digits, CancellationToken cancellationToken)
    {
        if (!AreDigits(digits))
        {
            throw new ArgumentException("Only 0-9, *, #, A-D are DTMF digits.", nameof(digits));
        }

        var buffer = new byte[RtpPacket.FixedHeaderLength + TelephoneEvent.Length];
        var samplesPerPacket = (uint)(PacketInterval.TotalSeconds * _clockRate);
        var updates = (int)(_tone / PacketInterval);
        for (var i = 0; i < digits.Length; i++)
        {
            var code = EventCode(digits[i]);
            var started = _time.GetTimestamp();
            var sent = 0;
            var cancelled = false;
            try
            {
                for (var update = 1; update <= updates; update++)
                {
                    await SendAsync(buffer, new TelephoneEvent(code, false, Volume, (ushort)(update * samplesPerPacket)), marker: update == 1, cancellationToken)
                        .ConfigureAwait(false);
                    await WaitUntilAsync(started, ++sent, cancellationToken).ConfigureAwait(false);
                }
            }
            catch (OperationCanceledException)
            {
                cancelled = true; // the digit still ends below: the far end would hold the tone until its own timeout (§2.5.1.4)
            }

            // The end packets always go out, whatever the caller's token says.
            var duration = (ushort)(Math.Max(sent, 1) * samplesPerPacket);
            for (var end = 0; end < EndRepeats; end++)
            {
                await SendAsync(buffer, new TelephoneEvent(code, true, Volume, duration), marker: false, CancellationToken.None).ConfigureAwait(false);
                if (end < EndRepeats - 1)
                {
                    await WaitUntilAsync(started, ++sent, CancellationToken.None).ConfigureAwait(false);
                }
            }

            cancellationToken.ThrowIfCancellationRequested();
            if (cancelled)
            {
                throw new OperationCanceledException(cancellationToken);
            }

            if (i < digits.Length - 1)
            {
                await Task.Delay(_pause, _time, cancellationToken).ConfigureAwait(false);
            }

            // The next event starts at the time it is sent (RFC 4733 §2.5.1.1: its timestamp is its start).
            _timestamp += (uint)Math.Max(duration, _time.GetElapsedTime(started).TotalSeconds * _clockRate);
        }
    }

    private ValueTask SendAsync(byte[] buffer, TelephoneEvent value, bool marker, CancellationToken cancellationToken)
    {
        Span<byte> payload = stackalloc byte[TelephoneEvent.Length];
        value.TryWrite(payload);
        var packet = new RtpPacket(_payloadType, _sequence++, _timestamp, _ssrc, payload) { Marker = marker };
        packet.TryWrite(buffer, out var length);
        return _sink.SendRtpAsync(buffer.AsMemory(0, length), cancellationToken);
    }

    /// <summary>Waits until <paramref name="packets"/> intervals after <paramref name="started"/> (no drift from slow sends).</summary>
    private Task WaitUntilAsync(long started, int packets, CancellationToken cancellationToken)
    {
        var due = (PacketInterval * packets) - _time.GetElapsedTime(started);
        return due > TimeSpan.Zero ? Task.Delay(due, _time, cancellationToken) : Task.CompletedTask;
    }
}
