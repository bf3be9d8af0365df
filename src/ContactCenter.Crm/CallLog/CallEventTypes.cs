using ContactCenter.Contracts.Calls;

namespace ContactCenter.Crm.CallLog;

/// <summary>The call events the call log consumes, by timeline type name.</summary>
internal static class CallEventTypes
{
    public static readonly IReadOnlyDictionary<string, Type> ByName = new[]
    {
        typeof(CallReceived), typeof(CallClassified), typeof(CallQueued), typeof(CallOffered),
        typeof(CallOfferFailed), typeof(CallAnswered), typeof(CallHeld), typeof(CallResumed),
        typeof(CallTransferred), typeof(RecordingAvailable), typeof(CallEnded),
    }.ToDictionary(t => t.Name, StringComparer.Ordinal);
}
