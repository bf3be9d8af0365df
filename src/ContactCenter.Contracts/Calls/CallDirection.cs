namespace ContactCenter.Contracts.Calls;

/// <summary>Which way a call goes, seen from the contact center.</summary>
public enum CallDirection
{
    /// <summary>A client called a service number.</summary>
    Inbound,

    /// <summary>An agent or a call list called a client.</summary>
    Outbound,

    /// <summary>One extension called another.</summary>
    Internal,
}
