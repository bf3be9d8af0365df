namespace ContactCenter.CallEngine.Calls;

/// <summary>The two sides of a call the engine bridges.</summary>
internal enum CallParty
{
    /// <summary>Who called (the client through the trunk, or an agent's softphone).</summary>
    Caller,

    /// <summary>Who answered (an agent, or the client on an outbound call).</summary>
    Callee,
}
