using ContactCenter.Sessions;
using ContactCenter.Sip.Syntax;

namespace ContactCenter.Sip.UserAgents.Sessions;

/// <summary>The session port's causes in SIP: the final response that tells an unanswered caller why, and what a final response to our INVITE meant.</summary>
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

    /// <summary>
    /// Why a leg we placed ended, from the final response of its last branch: 486/600 busy, 603 declined, 408 no answer,
    /// 487 cancelled, 488/606 media rejected; any other 3xx-6xx (we follow no redirection) unavailable.
    /// </summary>
    public static LegEndCause FromStatusCode(int statusCode) => statusCode switch
    {
        SipStatusCodes.BusyHere or SipStatusCodes.BusyEverywhere => LegEndCause.Busy,
        SipStatusCodes.Decline => LegEndCause.Declined,
        SipStatusCodes.RequestTimeout => LegEndCause.NoAnswer,
        SipStatusCodes.RequestTerminated => LegEndCause.Cancelled,
        SipStatusCodes.NotAcceptableHere or SipStatusCodes.NotAcceptableAnywhere => LegEndCause.MediaRejected,
        _ => LegEndCause.Unavailable,
    };

    /// <summary>
    /// True for a final response that says the way failed rather than the target (5xx, 408): another trunk may reach the
    /// number. 4xx (404, 486, ...) and 6xx are the target's answer and final.
    /// </summary>
    public static bool IsRouteFailure(int statusCode) => statusCode is SipStatusCodes.RequestTimeout or >= 500 and < 600;

    /// <summary>Why a target did not take the call, in words for the call's events and logs (e.g. "busy", "rejected (404)").</summary>
    public static string Describe(int statusCode) => statusCode switch
    {
        SipStatusCodes.BusyHere or SipStatusCodes.BusyEverywhere => "busy",
        SipStatusCodes.Decline => "declined",
        SipStatusCodes.RequestTimeout => "no answer",
        SipStatusCodes.TemporarilyUnavailable => "unavailable",
        SipStatusCodes.RequestTerminated => "cancelled",
        SipStatusCodes.NotAcceptableHere or SipStatusCodes.NotAcceptableAnywhere => "no common codec",
        SipStatusCodes.ServiceUnavailable => "unreachable",
        _ => $"rejected ({statusCode})",
    };
}
