using System.Diagnostics.Metrics;
using ContactCenter.CallEngine.Events;
using ContactCenter.Contracts.Calls;
using ContactCenter.PhoneNumbers;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ContactCenter.CallEngine.Dialing;

/// <summary>
/// The one gate every outbound call passes (an agent dialling from the softphone, click-to-call, callbacks, call lists,
/// dispatch): the number must pass the <see cref="DialPlan"/> and must not be on the do-not-call list
/// (<see cref="IDoNotCallCheck"/>), and the extension must be within its limits of calls at
/// once and per hour. A refusal is a Warning line, a metric (<c>calls.outbound_refused</c> by reason) and an
/// <see cref="OutboundCallRefused"/> event for the CRM's alert. The permit returned for an allowed call must be disposed
/// when the call ends (it frees the extension's slot).
/// </summary>
public sealed partial class OutboundGuard
{
    private readonly DialPlan _plan;
    private readonly IOptionsMonitor<OutboundLimitOptions> _options;
    private readonly TimeProvider _time;
    private readonly ICallEventPublisher _events;
    private readonly IDoNotCallCheck _doNotCall;
    private const string CallbackPurpose = "callback";
    private readonly ILogger _logger;
    private readonly Counter<long> _refused;
    private readonly Lock _gate = new();
    private readonly Dictionary<string, Usage> _usage = new(StringComparer.Ordinal);

    /// <summary>Creates the guard; without <paramref name="doNotCall"/> no number is on a do-not-call list.</summary>
    public OutboundGuard(DialPlan plan, IOptionsMonitor<OutboundLimitOptions> options, TimeProvider time, ICallEventPublisher events,
        IMeterFactory meters, ILogger<OutboundGuard> logger, IDoNotCallCheck? doNotCall = null)
    {
        _doNotCall = doNotCall ?? new AllowAllNumbers();
        ArgumentNullException.ThrowIfNull(meters);
        _plan = plan ?? throw new ArgumentNullException(nameof(plan));
        _options = options ?? throw new ArgumentNullException(nameof(options));
        _time = time ?? throw new ArgumentNullException(nameof(time));
        _events = events ?? throw new ArgumentNullException(nameof(events));
        _logger = logger ?? throw new ArgumentNullException(nameof(logger));
        _refused = meters.Create("ContactCenter.CallEngine").CreateCounter<long>("calls.outbound_refused", "{call}",
            "Outbound calls refused by the dial plan or an extension's limits, by reason.");
    }

    /// <summary>
    /// Asks to place a call from <paramref name="extension"/> (null: the system itself, e.g. an unattended callback) to
    /// <paramref name="number"/> (E.164) for <paramref name="purpose"/> (<c>softphone</c>, <c>click-to-call</c>,
    /// <c>callback</c>, <c>call-list</c>, <c>dispatch</c>).
    /// </summary>
    public OutboundDecision TryStart(string? extension, string number, string purpose)
    {
        ArgumentNullException.ThrowIfNull(number);
        var verdict = _plan.Check(number);
        if (!verdict.IsAllowed)
        {
            return Refuse(extension, number, purpose, OutboundRefusal.DialPlan, verdict.Reason);
        }

        // A callback is the caller's own request (pressed in the queue), so the do-not-call wish does not stand in its way.
        if (purpose != CallbackPurpose && _doNotCall.IsDoNotCall(number))
        {
            return Refuse(extension, number, purpose, OutboundRefusal.DoNotCall, "the client asked not to be called (do-not-call list)");
        }

        if (extension is null)
        {
            return new OutboundDecision(new OutboundPermit(null, null), null, null);
        }

        var limit = _options.CurrentValue.PerExtension.GetValueOrDefault(extension)
            ?? new OutboundLimit { MaxConcurrent = _options.CurrentValue.MaxConcurrentPerExtension, MaxPerHour = _options.CurrentValue.MaxPerHourPerExtension };
        var now = _time.GetUtcNow();
        string? refusal = null;
        string? reason = null;
        lock (_gate)
        {
            if (!_usage.TryGetValue(extension, out var usage))
            {
                _usage[extension] = usage = new Usage();
            }

            while (usage.Starts.Count > 0 && now - usage.Starts.Peek() >= TimeSpan.FromHours(1))
            {
                usage.Starts.Dequeue();
            }

            if (usage.Active >= limit.MaxConcurrent)
            {
                (refusal, reason) = (OutboundRefusal.Concurrent, $"{usage.Active} outbound calls already (at most {limit.MaxConcurrent} at once)");
            }
            else if (usage.Starts.Count >= limit.MaxPerHour)
            {
                (refusal, reason) = (OutboundRefusal.Hourly, $"{usage.Starts.Count} outbound calls in the last hour (at most {limit.MaxPerHour})");
            }
            else
            {
                usage.Active++;
                usage.Starts.Enqueue(now);
            }
        }

        return refusal is null
            ? new OutboundDecision(new OutboundPermit(this, extension), null, null)
            : Refuse(extension, number, purpose, refusal, reason!);
    }

    private void Release(string extension)
    {
        lock (_gate)
        {
            if (_usage.TryGetValue(extension, out var usage) && usage.Active > 0)
            {
                usage.Active--;
            }
        }
    }

    private OutboundDecision Refuse(string? extension, string number, string purpose, string refusal, string reason)
    {
        _refused.Add(1, new KeyValuePair<string, object?>("reason", refusal));
        LogRefused(extension ?? "(system)", number, purpose, refusal, reason);
        var now = _time.GetUtcNow();
        _events.Publish(new OutboundCallRefused(Guid.CreateVersion7(now), extension, number, purpose, refusal, reason, now));
        return new OutboundDecision(null, refusal, reason);
    }

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "Outbound call refused: extension {Extension} to {Number} ({Purpose}): {Refusal}, {Reason}")]
    private partial void LogRefused(string extension, string number, string purpose, string refusal, string reason);

    private sealed class Usage
    {
        public int Active { get; set; }

        public Queue<DateTimeOffset> Starts { get; } = new();
    }

    /// <summary>An allowed call's hold on its extension's slot; dispose it once when the call ends.</summary>
    public sealed class OutboundPermit : IDisposable
    {
        private readonly OutboundGuard? _owner;
        private readonly string? _extension;
        private int _released;

        internal OutboundPermit(OutboundGuard? owner, string? extension) => (_owner, _extension) = (owner, extension);

        /// <inheritdoc />
        public void Dispose()
        {
            if (_extension is not null && Interlocked.Exchange(ref _released, 1) == 0)
            {
                _owner?.Release(_extension);
            }
        }
    }
}

/// <summary>The guard's answer: a permit, or why not.</summary>
/// <param name="Permit">The permit when allowed (dispose when the call ends), else null.</param>
/// <param name="Refusal">One of <see cref="OutboundRefusal"/>'s values when refused.</param>
/// <param name="Reason">The refusal in words.</param>
public sealed record OutboundDecision(OutboundGuard.OutboundPermit? Permit, string? Refusal, string? Reason)
{
    /// <summary>Whether the call may be placed.</summary>
    public bool IsAllowed => Permit is not null;
}

/// <summary>Why an outbound call was refused (the metric's and the event's reason).</summary>
public static class OutboundRefusal
{
    /// <summary>The number is not allowed by the dial plan.</summary>
    public const string DialPlan = "dial_plan";

    /// <summary>The number is on the do-not-call list.</summary>
    public const string DoNotCall = "do_not_call";

    /// <summary>The extension has its most calls at once.</summary>
    public const string Concurrent = "concurrent_limit";

    /// <summary>The extension placed its most calls within the hour.</summary>
    public const string Hourly = "hourly_limit";
}
