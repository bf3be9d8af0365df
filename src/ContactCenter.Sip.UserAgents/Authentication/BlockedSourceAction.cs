namespace ContactCenter.Sip.UserAgents.Authentication;

/// <summary>How requests from a source blocked for failed authentications are answered.</summary>
public enum BlockedSourceAction
{
    /// <summary>Answer 403 Forbidden.</summary>
    Forbid,

    /// <summary>Send nothing.</summary>
    Drop,
}
