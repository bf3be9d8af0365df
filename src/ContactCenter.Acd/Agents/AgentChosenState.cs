namespace ContactCenter.Acd.Agents;

/// <summary>The state an agent chose (or an admin or the ACD set for them), apart from their phone and calls.</summary>
public enum AgentChosenState
{
    /// <summary>Not working: no calls.</summary>
    LoggedOut,

    /// <summary>Ready for calls (when the phone is registered and free).</summary>
    Available,

    /// <summary>On a break, with a reason (lunch, training, or the automatic break after missed calls).</summary>
    Break,

    /// <summary>Away for days (trip, vacation, sickness): the substitute takes the duties.</summary>
    Absent,

    /// <summary>
    /// After-call work the agent asked for (beyond the automatic <c>Acd:WrapUp</c>): no offers until the agent chooses
    /// available, or <c>Acd:MaxManualWrapUp</c> after choosing it, when the ACD makes the agent available again.
    /// </summary>
    WrapUp,
}
