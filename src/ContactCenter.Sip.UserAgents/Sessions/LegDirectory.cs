using System.Collections.Concurrent;
using ContactCenter.Sessions;

namespace ContactCenter.Sip.UserAgents.Sessions;

/// <summary>
/// The answered or ringing legs of arriving calls by their dialog's Call-ID and the caller's tag, so that a REFER's
/// Replaces (RFC 3891 §6.1) can name one: an agent's phone completing an attended transfer names its consultation call
/// that way (the to-tag, ours, is not needed to find it).
/// </summary>
public sealed class LegDirectory
{
    private readonly ConcurrentDictionary<(string CallId, string CallerTag), ILegSession> _legs = new();

    /// <summary>Lists <paramref name="leg"/> under its dialog.</summary>
    public void Add(string callId, string callerTag, ILegSession leg) => _legs[(callId, callerTag)] = leg;

    /// <summary>Takes <paramref name="leg"/> off the list (another leg under the same names stays).</summary>
    public void Remove(string callId, string callerTag, ILegSession leg) =>
        _legs.TryRemove(new KeyValuePair<(string, string), ILegSession>((callId, callerTag), leg));

    /// <summary>The leg whose dialog is <paramref name="callId"/> with the caller's tag <paramref name="callerTag"/>, or null.</summary>
    public ILegSession? Find(string callId, string callerTag) => _legs.GetValueOrDefault((callId, callerTag));
}
