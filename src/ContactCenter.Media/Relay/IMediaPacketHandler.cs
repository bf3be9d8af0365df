namespace ContactCenter.Media.Relay;

/// <summary>
/// Receives the RTP packets an endpoint accepted (RTCP ends at the endpoint) (from its latched source). Called from the endpoint's receive
/// loop, one packet at a time; the memory is the loop's pooled buffer and is only valid until the returned
/// task completes. The handler may modify it in place.
/// </summary>
public interface IMediaPacketHandler
{
    /// <summary>An RTP packet from <paramref name="source"/> (already parsed once, valid RTP).</summary>
    ValueTask OnRtpAsync(MediaEndpoint source, Memory<byte> packet, CancellationToken cancellationToken);
}
