using System.Collections.Concurrent;
using System.Globalization;
using ContactCenter.Acd.Configuration;
using ContactCenter.Acd.Directory;
using ContactCenter.CallEngine.Agents;
using ContactCenter.CallEngine.Configuration;
using ContactCenter.CallEngine.Events;
using ContactCenter.Contracts.Agents;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ContactCenter.Acd.Agents;

/// <summary>
/// Every agent's effective state, from three things kept apart: the state the agent chose (kept here), the phone's
/// registration (<see cref="AgentPhones"/>) and the agent's calls (<see cref="AgentActivity"/>). Nothing is
/// stored that could go stale: ringing and on-call come from the engine's call slots, so an agent cannot stay
/// "ringing" after a race, and an unregistered phone is never shown available. Repeated missed offers put the
/// agent on an automatic break. Each change of an agent's effective state is published as
/// <see cref="AgentStateChanged"/> (checked on every change of calls or phones, and every second for wrap-up ends).
/// </summary>
public sealed partial class AgentStateBoard : IDisposable
{
    /// <summary>The break reason the ACD sets after too many missed offers.</summary>
    public const string MissedCallsReason = "missed calls";

    private readonly AgentActivity _activity;
    private readonly AgentPhones _phones;
    private readonly RoutingDirectoryCache _directory;
    private readonly IOptions<AcdOptions> _options;
    private readonly IOptions<CallOptions> _calls;
    private readonly TimeProvider _time;
    private readonly ICallEventPublisher _events;
    private readonly ILogger<AgentStateBoard> _logger;
    private readonly ConcurrentDictionary<string, Choice> _chosen = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, int> _missed = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, int> _missedAtAnswer = new(StringComparer.Ordinal); // the count an answer cleared
    private readonly ConcurrentDictionary<string, int> _answered = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, (AgentState State, string? Reason)> _published = new(StringComparer.Ordinal);
    private readonly ITimer _tick;

    /// <summary>Starts watching calls and phones.</summary>
    public AgentStateBoard(AgentActivity activity, AgentPhones phones, RoutingDirectoryCache directory, IOptions<AcdOptions> options,
        IOptions<CallOptions> calls, TimeProvider time, ICallEventPublisher events, ILogger<AgentStateBoard> logger)
    {
        ArgumentNullException.ThrowIfNull(activity);
        ArgumentNullException.ThrowIfNull(phones);
        ArgumentNullException.ThrowIfNull(time);
        (_activity, _phones, _directory, _options, _calls, _time, _events, _logger) = (activity, phones, directory, options, calls, time, events, logger);
        _activity.Changed += OnActivity;
        _phones.Changed += OnPhone;
        _tick = time.CreateTimer(static s => ((AgentStateBoard)s!).PublishChanges(), this, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1));
    }

    /// <summary>The effective state of <paramref name="extension"/> now.</summary>
    public AgentStatus GetStatus(string extension)
    {
        ArgumentNullException.ThrowIfNull(extension);
        var now = _time.GetUtcNow();
        var choice = _chosen.TryGetValue(extension, out var c) ? c : new Choice(_options.Value.InitialState, null, null, null, now);
        if (choice.State == AgentChosenState.WrapUp && ManualWrapUpEnds(choice) <= now)
        {
            // Over the maximum: available again (the tick records the choice).
            choice = choice with { State = AgentChosenState.Available, Reason = null };
        }

        var registered = _phones.IsRegistered(extension);
        var (ringing, talking) = _activity.GetCalls(extension);
        var idleSince = _activity.GetLastCallEnded(extension);
        var answered = _answered.GetValueOrDefault(extension);
        var substitute = choice.Substitute
            ?? (_directory.Current is { } directory && directory.Staff.TryGetValue(extension, out var staff) ? staff.SubstituteExtension : null);
        var wrapUpEnds = idleSince + _options.Value.WrapUp;
        if (choice.State == AgentChosenState.WrapUp)
        {
            var manualEnds = ManualWrapUpEnds(choice);
            wrapUpEnds = wrapUpEnds is { } automatic && automatic > manualEnds ? automatic : manualEnds;
        }

        var (state, reason) = (talking, ringing, choice.State) switch
        {
            ( > 0, _, _) => (AgentState.OnCall, null),
            (_, > 0, _) => (AgentState.Ringing, null),
            (_, _, AgentChosenState.LoggedOut) => (AgentState.LoggedOut, null),
            (_, _, AgentChosenState.Break) => (AgentState.Break, choice.Reason),
            (_, _, AgentChosenState.Absent) => (AgentState.Absent, choice.Reason),
            (_, _, AgentChosenState.WrapUp) => (AgentState.WrapUp, "until " + wrapUpEnds!.Value.ToString("HH:mm:ss", CultureInfo.InvariantCulture)),
            _ when !registered => (AgentState.Unregistered, (string?)null),
            _ when wrapUpEnds > now => (AgentState.WrapUp, "until " + wrapUpEnds.Value.ToString("HH:mm:ss", CultureInfo.InvariantCulture)),
            _ => (AgentState.Available, (string?)null),
        };
        return new AgentStatus(extension, state, choice.State, reason, choice.State == AgentChosenState.Absent ? substitute : null,
            registered, ringing, talking, idleSince, answered);
    }

    /// <summary>
    /// Whether the router may offer the agent of <paramref name="status"/> a call now; when not, <paramref name="reason"/> says why
    /// in words for the routing trace (e.g. <c>on break (lunch)</c>, <c>in wrap-up until 10:15:03</c>).
    /// Below the call limit (<see cref="CallOptions.AgentCallLimit"/>; 0 is no limit, for load tests) agents on calls stay offerable.
    /// </summary>
    public bool IsOfferable(AgentStatus status, out string reason)
    {
        ArgumentNullException.ThrowIfNull(status);
        // Ringing or on a call is a reason to skip only at the call limit (1 by default; 0 means no limit: load tests).
        var limit = _calls.Value.AgentCallLimit;
        var unlimited = limit == 0 || status.Ringing + status.OnCalls < limit;
        reason = status.State switch
        {
            AgentState.LoggedOut => "logged out",
            AgentState.Unregistered => "not registered",
            AgentState.Break => "on break" + (status.Reason is null ? "" : $" ({status.Reason})"),
            AgentState.Absent => "absent" + (status.Reason is null ? "" : $" ({status.Reason})"),
            AgentState.Ringing when !unlimited => "ringing for another call",
            AgentState.OnCall when !unlimited => "busy on another call",
            AgentState.WrapUp => "in wrap-up " + status.Reason,
            _ when !status.Registered => "not registered",
            _ when status.Chosen != AgentChosenState.Available => status.Chosen switch
            {
                AgentChosenState.LoggedOut => "logged out",
                AgentChosenState.WrapUp => "in wrap-up",
                _ => "on break",
            },
            _ => "",
        };
        return reason.Length == 0;
    }

    /// <summary>Raised after every chosen-state change (by the agent, an admin or the ACD), for saving.</summary>
    public event Action<SavedAgentState>? ChoiceMade;

    /// <summary>Puts back choices saved before a restart (a choice made since start is kept).</summary>
    public void Restore(IEnumerable<SavedAgentState> saved)
    {
        ArgumentNullException.ThrowIfNull(saved);
        foreach (var s in saved)
        {
            _chosen.TryAdd(s.Extension, new Choice(s.State, s.Reason, s.Substitute, s.SetBy, s.SetAt));
            PublishChange(s.Extension);
        }
    }

    /// <summary>How many more calls the agent of <paramref name="status"/> can take now (int.MaxValue without a call limit).</summary>
    public int FreeSlots(AgentStatus status)
    {
        ArgumentNullException.ThrowIfNull(status);
        var limit = _calls.Value.AgentCallLimit;
        return limit == 0 ? int.MaxValue : Math.Max(0, limit - status.Ringing - status.OnCalls);
    }

    /// <summary>Sets the state <paramref name="extension"/> chose; clears the missed-offer count.</summary>
    /// <param name="extension">The agent.</param>
    /// <param name="state">The chosen state.</param>
    /// <param name="reason">Break or absence reason.</param>
    /// <param name="substitute">For an absence: who takes the duties (else the CRM's substitute).</param>
    /// <param name="by">Who set it (the agent, an admin, or <c>acd</c>).</param>
    public AgentStatus SetChosenState(string extension, AgentChosenState state, string? reason, string? substitute, string by)
    {
        ArgumentNullException.ThrowIfNull(extension);
        var now = _time.GetUtcNow();
        _chosen[extension] = new Choice(state, reason, substitute, by, now);
        _missed.TryRemove(extension, out _);
        LogChosen(_logger, extension, state, reason, by);
        ChoiceMade?.Invoke(new SavedAgentState(extension, state, reason, substitute, by, now));
        PublishChange(extension);
        return GetStatus(extension);
    }

    /// <summary>The states of <paramref name="extensions"/> and of every agent seen so far.</summary>
    public IReadOnlyList<AgentStatus> GetAll(IEnumerable<string> extensions)
    {
        ArgumentNullException.ThrowIfNull(extensions);
        return [.. extensions.Concat(_chosen.Keys).Concat(_published.Keys).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).Select(GetStatus)];
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _activity.Changed -= OnActivity;
        _phones.Changed -= OnPhone;
        _tick.Dispose();
    }

    private void OnActivity(AgentActivityChange change)
    {
        switch (change.Kind)
        {
            case AgentActivityKind.Answered:
                // An answer starts the count of missed offers again; kept aside in case the phone hung up as it answered.
                _missedAtAnswer[change.Extension] = _missed.TryRemove(change.Extension, out var before) ? before : 0;
                _answered.AddOrUpdate(change.Extension, 1, static (_, n) => n + 1);
                break;
            case AgentActivityKind.CallEnded:
                _missedAtAnswer.TryRemove(change.Extension, out _);
                break;
            case AgentActivityKind.Released when change.Failure is "no answer" or "declined" or AgentActivity.HungUpAsItAnswered:
                var earlier = 0;
                if (change.Failure == AgentActivity.HungUpAsItAnswered)
                {
                    // Not an answer after all: a missed offer in the row the answer had ended.
                    _answered.AddOrUpdate(change.Extension, 0, static (_, n) => Math.Max(0, n - 1));
                    earlier = _missedAtAnswer.TryRemove(change.Extension, out var kept) ? kept : 0;
                }

                var missed = _missed.AddOrUpdate(change.Extension, earlier + 1, (_, n) => n + earlier + 1);
                var limit = _options.Value.MaxMissedOffers;
                if (limit > 0 && missed >= limit)
                {
                    _chosen[change.Extension] = new Choice(AgentChosenState.Break, MissedCallsReason, null, "acd", _time.GetUtcNow());
                    _missed.TryRemove(change.Extension, out _);
                    LogAutoBreak(_logger, change.Extension, missed);
                    ChoiceMade?.Invoke(new SavedAgentState(change.Extension, AgentChosenState.Break, MissedCallsReason, null, "acd", _time.GetUtcNow()));
                }

                break;
        }

        PublishChange(change.Extension);
    }

    private void OnPhone(string extension) => PublishChange(extension);

    private void PublishChanges()
    {
        var now = _time.GetUtcNow();
        foreach (var (extension, choice) in _chosen)
        {
            var available = new Choice(AgentChosenState.Available, null, null, "acd", now);
            if (choice.State == AgentChosenState.WrapUp && ManualWrapUpEnds(choice) <= now && _chosen.TryUpdate(extension, available, choice))
            {
                LogWrapUpOver(_logger, extension, _options.Value.MaxManualWrapUp);
                ChoiceMade?.Invoke(new SavedAgentState(extension, available.State, null, null, "acd", now));
                PublishChange(extension);
            }
        }

        foreach (var extension in _published.Keys)
        {
            PublishChange(extension);
        }

        if (_directory.Current is { } directory)
        {
            foreach (var extension in directory.Staff.Keys)
            {
                if (!_published.ContainsKey(extension))
                {
                    PublishChange(extension);
                }
            }
        }
    }

    private void PublishChange(string extension)
    {
        try
        {
            var status = GetStatus(extension);
            var now = (status.State, status.Reason is { } r && status.State != AgentState.WrapUp ? r : null);
            var before = _published.GetValueOrDefault(extension, ((AgentState)(-1), null));
            if (before == now || !_published.TryUpdate(extension, now, before) && !_published.TryAdd(extension, now))
            {
                return;
            }

            _events.Publish(new AgentStateChanged(Guid.NewGuid(), extension, _time.GetUtcNow(), status.StateName, now.Item2));
        }
        catch (ObjectDisposedException)
        {
            // Shutting down.
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Agent {AgentId} chose {State} ({Reason}), set by {By}")]
    private static partial void LogChosen(ILogger logger, string agentId, AgentChosenState state, string? reason, string by);

    [LoggerMessage(Level = LogLevel.Information, Message = "Agent {AgentId} was in wrap-up for the longest allowed ({MaxManualWrapUp}): available again")]
    private static partial void LogWrapUpOver(ILogger logger, string agentId, TimeSpan maxManualWrapUp);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Agent {AgentId} missed {Missed} offers in a row: automatic break")]
    private static partial void LogAutoBreak(ILogger logger, string agentId, int missed);

    private DateTimeOffset ManualWrapUpEnds(Choice choice) => choice.At + _options.Value.MaxManualWrapUp;

    private sealed record Choice(AgentChosenState State, string? Reason, string? Substitute, string? By, DateTimeOffset At);
}
