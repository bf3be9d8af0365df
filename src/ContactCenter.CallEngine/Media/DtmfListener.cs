using System.Threading.Channels;
using ContactCenter.Media.Dtmf;
using ContactCenter.Media.Relay;
using ContactCenter.Media.Rtp;

namespace ContactCenter.CallEngine.Media;

/// <summary>
/// Listens to a leg that is not bridged yet (the voice menu) and reports the RFC 4733 key presses it sends;
/// everything else it receives is dropped.
/// </summary>
internal sealed class DtmfListener : IMediaPacketHandler
{
    private readonly DtmfEventDetector _detector = new();
    private readonly Channel<char> _digits = Channel.CreateUnbounded<char>(new UnboundedChannelOptions { SingleWriter = true });

    /// <summary>The digits pressed, in order (one per key press, however many packets carried it).</summary>
    public ChannelReader<char> Digits => _digits.Reader;

    /// <inheritdoc />
    public ValueTask OnRtpAsync(MediaEndpoint source, Memory<byte> packet, CancellationToken cancellationToken)
    {
        if (RtpPacket.TryParse(packet.Span, out var parsed) && parsed.PayloadType == source.Format.TelephoneEventPayloadType
            && _detector.TryProcess(parsed, out var dtmf))
        {
            _digits.Writer.TryWrite(dtmf.Digit);
        }

        return ValueTask.CompletedTask;
    }
}
