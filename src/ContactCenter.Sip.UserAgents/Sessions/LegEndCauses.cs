using ContactCenter.Sessions;
using ContactCenter.Sip.Syntax;

namespace ContactCenter.Sip.UserAgents.Sessions;

/// <summary>The final response that tells an unanswered caller why the call ends (the session port's causes in SIP).</summary>
public static class LegEndCauses
{
    /// <summary>The status code for <paramref name="cause"/>: 486, 603, 487, 488, 404, 403, 503, 500, or 480 for a party that cannot be had now.</summary>
    public static int ToStatusCode(LegEndCause cause) => cause switch
    {
        LegEndCause.Busy => SipStatusCodes.BusyHere,
        LegEndCause.Declined => SipStatusCodes.Decline,
        LegEndCause.Cancelled or LegEndCause.Replaced => SipStatusCodes.RequestTerminated,
        LegEndCause.MediaRejected => SipStatusCodes.NotAcceptableHere,
        LegEndCause.NotFound => SipStatusCodes.NotFound,
        LegEndCause.Forbidden => SipStatusCodes.Forbidden,
        LegEndCause.Overloaded => SipStatusCodes.ServiceUnavailable,
        LegEndCause.Failed => SipStatusCodes.ServerInternalError,
        _ => SipStatusCodes.TemporarilyUnavailable,
    };

}
