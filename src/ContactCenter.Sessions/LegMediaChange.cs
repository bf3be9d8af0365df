namespace ContactCenter.Sessions;

/// <summary>What a peer's new media offer in an established leg means for the call.</summary>
public enum LegMediaChange
{
    /// <summary>The peer puts the call on hold (it offers to send only, or nothing).</summary>
    Held,

    /// <summary>The peer takes the call off hold.</summary>
    Resumed,

    /// <summary>Anything else: a new address, codec or port.</summary>
    Changed,
}
