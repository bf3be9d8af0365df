namespace ContactCenter.Media.Supervision;

/// <summary>How a supervisor takes part in a call (issue #19).</summary>
public enum SupervisionMode
{
    /// <summary>Hears both parties; heard by nobody.</summary>
    Listen,

    /// <summary>Hears both parties; heard by the agent only (coaching).</summary>
    Whisper,

    /// <summary>Hears both parties and is heard by both: a three-way call.</summary>
    Barge,
}
