namespace ContactCenter.Crm.Model;

/// <summary>What came of one outbound call from a call list.</summary>
public enum CallResult
{
    /// <summary>The client was reached and the purpose of the call handled.</summary>
    Reached,

    /// <summary>Nobody answered (tried again until the list's attempts are used up).</summary>
    NoAnswer,

    /// <summary>The line was busy (tried again like no answer).</summary>
    Busy,

    /// <summary>The number does not belong to the client.</summary>
    WrongNumber,

    /// <summary>The client asked to be called back at a given time.</summary>
    CallBackLater,

    /// <summary>The client refused to talk.</summary>
    Refused,
}
