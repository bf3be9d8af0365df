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
}
