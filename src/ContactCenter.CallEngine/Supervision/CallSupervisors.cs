using System.Collections.Concurrent;
using ContactCenter.CallEngine.Calls;
using ContactCenter.CallEngine.Media;
using ContactCenter.Media.Supervision;
using ContactCenter.Sessions;

namespace ContactCenter.CallEngine.Supervision;

/// <summary>
/// Listen, whisper and barge (issue #19), in call terms: a supervisor (an extension) joins an answered live call from
/// their own phone, which is rung for it; the mode switches without re-dialling; one supervisor per call at a time.
/// Who may supervise which call is the API's decision; every change is published as <c>CallSupervised</c>.
/// </summary>
public sealed class CallSupervisors
{
    private readonly ConcurrentDictionary<Guid, SupervisedCall> _sessions = new();
    private readonly CallServices _services;
    private readonly CallManager _calls;

    internal CallSupervisors(CallServices services, CallManager calls) => (_services, _calls) = (services, calls);

    /// <summary>The supervisors on live calls now.</summary>
    public IReadOnlyList<SupervisionView> GetSessions() => [.. _sessions.Values.Select(s => s.View()).OrderBy(v => v.Since)];

    /// <summary>The supervision of <paramref name="callId"/>, if any.</summary>
    public SupervisionView? Get(Guid callId) => _sessions.TryGetValue(callId, out var session) ? session.View() : null;

    /// <summary>Rings <paramref name="supervisor"/>'s phone to join the answered call <paramref name="callId"/> in <paramref name="mode"/>.</summary>
    public SupervisionStart Start(Guid callId, string supervisor, SupervisionMode mode)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(supervisor);
        if (_calls.FindSupervisionPoint(callId) is not { } point)
        {
            return SupervisionStart.NotAnswered;
        }

        if (point.Agent == supervisor)
        {
            return SupervisionStart.SupervisorOnTheCall;
        }

        if (_services.Phones.CountPhones(supervisor) == 0)
        {
            return SupervisionStart.SupervisorNotRegistered;
        }

        if (!LegMedia.TryCreate(_services.Relay, out var media, _services.Legs.MediaSecurity(LegTarget.Extension(supervisor)),
            usePublicAddress: _services.Legs.PublicMediaAddress(LegTarget.Extension(supervisor))))
        {
            return SupervisionStart.NoMediaPorts;
        }

        var session = new SupervisedCall(_services, _calls, callId, supervisor, point.Agent, mode, media, s => _sessions.TryRemove(new(s.CallId, s)));
        if (!_sessions.TryAdd(callId, session))
        {
            _ = media.DisposeAsync().AsTask();
            return SupervisionStart.AlreadySupervised;
        }

        session.Ring();
        return SupervisionStart.Ringing;
    }

    /// <summary>Switches the supervision of <paramref name="callId"/> to <paramref name="mode"/>; false when there is none.</summary>
    public async Task<bool> SetModeAsync(Guid callId, SupervisionMode mode) =>
        _sessions.TryGetValue(callId, out var session) && await session.SetModeAsync(mode).ConfigureAwait(false);

    /// <summary>Takes the supervisor out of <paramref name="callId"/> (their phone gets BYE); false when nobody supervises it.</summary>
    public async Task<bool> StopAsync(Guid callId)
    {
        if (!_sessions.TryGetValue(callId, out var session))
        {
            return false;
        }

        await session.StopAsync().ConfigureAwait(false);
        return true;
    }

    /// <summary>Takes every supervisor out (shutdown).</summary>
    public Task StopAllAsync() => Task.WhenAll(_sessions.Values.Select(s => s.StopAsync()));
}
