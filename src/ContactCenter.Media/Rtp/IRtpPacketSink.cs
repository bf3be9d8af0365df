namespace ContactCenter.Media.Rtp;

/// <summary>Where RTP packets of one outgoing stream go (a relay's media endpoint, or a test double).</summary>
public interface IRtpPacketSink
{
    /// <summary>
    /// Sends one RTP packet. The sink may rewrite the header in place (SSRC, sequence, timestamp) and does
    /// not keep <paramref name="packet"/> after the returned task completes.
    /// </summary>
    ValueTask SendRtpAsync(Memory<byte> packet, CancellationToken cancellationToken);
}
