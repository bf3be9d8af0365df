namespace ContactCenter.Sessions;

/// <summary>Why a leg ended or was refused, in call terms (the session layer maps these to and from SIP status codes).</summary>
public enum LegEndCause
{
    /// <summary>A party hung up an established leg.</summary>
    HungUp,

    /// <summary>The target is busy.</summary>
    Busy,

    /// <summary>The target declined the call.</summary>
    Declined,

    /// <summary>The target rang and nobody answered in time.</summary>
    NoAnswer,

    /// <summary>The offer was withdrawn before it was answered (the caller gave up, or we did).</summary>
    Cancelled,

    /// <summary>The target is not reachable: not registered, unknown, or the route failed.</summary>
    Unavailable,

    /// <summary>No media both sides accept (no common codec, an unusable description).</summary>
    MediaRejected,

    /// <summary>The session expired without a refresh (RFC 4028).</summary>
    SessionExpired,

    /// <summary>The peer is gone: no answer to a request, or it no longer knows the session.</summary>
    Lost,

    /// <summary>Another leg took this one's place (an attended transfer completed at the peer's side).</summary>
    Replaced,

    /// <summary>The number called is not one we serve (refusing an arriving call).</summary>
    NotFound,

    /// <summary>The caller may not call this number (refusing an arriving call).</summary>
    Forbidden,

    /// <summary>We cannot take the call now for want of resources (media ports); the caller may try elsewhere.</summary>
    Overloaded,

    /// <summary>Our own failure (an error inside the engine); the peer is told we could not serve it.</summary>
    Failed,
}
