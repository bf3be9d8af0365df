namespace ContactCenter.Sessions;

/// <summary>
/// A peer asks us to transfer the call (an event). Blind when <see cref="Replaces"/> is null; attended when the peer
/// names the consultation leg whose party is to take this leg's place.
/// </summary>
/// <param name="Target">Where the call should go.</param>
public sealed record LegTransferRequest(LegTarget Target)
{
    /// <summary>The consultation leg the transferred party replaces (RFC 3891 resolved to our own leg), or null for a blind transfer.</summary>
    public ILegSession? Replaces { get; init; }
}
