namespace ContactCenter.CallEngine.Calls;

/// <summary>Where a call is in its life.</summary>
public enum CallPhase
{
    /// <summary>The caller hears ringback while targets are offered the call.</summary>
    Ringing,

    /// <summary>A target answered; the parties are bridged.</summary>
    Answered,

    /// <summary>Nobody could take it (the queue is closed): the service answered, and the caller leaves a message.</summary>
    Voicemail,

    /// <summary>Over.</summary>
    Ended,
}
