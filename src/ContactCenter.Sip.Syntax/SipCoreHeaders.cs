namespace ContactCenter.Sip.Syntax;

/// <summary>The headers a response must copy from its request (RFC 3261 §8.2.6.2).</summary>
[Flags]
public enum SipCoreHeaders
{
    None = 0,
    Via = 1,
    From = 2,
    To = 4,
    CallId = 8,
    CSeq = 16,

    /// <summary>All of them: enough to build a response.</summary>
    All = Via | From | To | CallId | CSeq,
}
