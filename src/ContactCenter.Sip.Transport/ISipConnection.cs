namespace ContactCenter.Sip.Transport;

/// <summary>A connection the transport keeps for reuse: keyed by its peer, skipped once closing.</summary>
internal interface ISipConnection
{
    /// <summary>The peer's end point (the key for reuse).</summary>
    SipEndPoint Remote { get; }

    /// <summary>True once the connection is closing or closed; it is then no longer reused.</summary>
    bool IsClosing { get; }
}
