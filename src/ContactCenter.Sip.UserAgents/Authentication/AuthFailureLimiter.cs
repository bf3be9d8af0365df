using System.Net;
using ContactCenter.Sip.UserAgents.Registration;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ContactCenter.Sip.UserAgents.Authentication;

/// <summary>
/// Counts failed authentications per source address and blocks a source that fails
/// <see cref="RegistrarOptions.MaxFailures"/> times within <see cref="RegistrarOptions.FailureWindow"/>
/// for <see cref="RegistrarOptions.BlockFor"/>. Thread-safe.
/// </summary>
public sealed class AuthFailureLimiter
{
    private readonly RegistrarOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger<AuthFailureLimiter> _logger;
    private readonly UserAgentsMetrics _metrics;
    private readonly Lock _gate = new();
    private readonly Dictionary<IPAddress, SourceState> _sources = [];

    /// <summary>Creates the limiter.</summary>
    public AuthFailureLimiter(IOptions<RegistrarOptions> options, TimeProvider time, ILogger<AuthFailureLimiter> logger, UserAgentsMetrics metrics)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options.Value;
        _time = time;
        _logger = logger;
        _metrics = metrics;
    }

    /// <summary>True while <paramref name="source"/> is blocked.</summary>
    public bool IsBlocked(IPAddress source)
    {
        ArgumentNullException.ThrowIfNull(source);
        source = Normalise(source);
        lock (_gate)
        {
            if (!_sources.TryGetValue(source, out var state) || state.BlockedUntil is not { } until)
            {
                return false;
            }

            if (_time.GetUtcNow() < until)
            {
                return true;
            }

            _sources.Remove(source);
        }

        _logger.SourceUnblocked(source);
        return false;
    }

    /// <summary>Records a failure from <paramref name="source"/>; true when this one got it blocked.</summary>
    public bool RecordFailure(IPAddress source)
    {
        ArgumentNullException.ThrowIfNull(source);
        source = Normalise(source);
        _metrics.AuthenticationFailed();
        var now = _time.GetUtcNow();
        int failures;
        lock (_gate)
        {
            if (!_sources.TryGetValue(source, out var state))
            {
                MakeRoom(now);
                state = new SourceState();
                _sources.Add(source, state);
            }

            if (state.BlockedUntil is not null)
            {
                return false;
            }

            state.Failures.Enqueue(now);
            while (state.Failures.Peek() <= now - _options.FailureWindow)
            {
                state.Failures.Dequeue();
            }

            failures = state.Failures.Count;
            if (failures < _options.MaxFailures)
            {
                return false;
            }

            state.Failures.Clear();
            state.BlockedUntil = now + _options.BlockFor;
        }

        _logger.SourceBlocked(source, failures, _options.BlockFor);
        _metrics.SourceBlocked();
        return true;
    }

    private void MakeRoom(DateTimeOffset now)
    {
        if (_sources.Count < _options.MaxTrackedSources)
        {
            return;
        }

        var windowStart = now - _options.FailureWindow;
        foreach (var (address, state) in _sources)
        {
            var idle = state.BlockedUntil is { } until ? until <= now : state.Failures.Count == 0 || state.Failures.Last() <= windowStart;
            if (idle)
            {
                _sources.Remove(address);
            }
        }

        // Still full: forget an unblocked source rather than grow without bound.
        if (_sources.Count >= _options.MaxTrackedSources && _sources.FirstOrDefault(s => s.Value.BlockedUntil is null).Key is { } victim)
        {
            _sources.Remove(victim);
        }
    }

    private static IPAddress Normalise(IPAddress address) => address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;

    private sealed class SourceState
    {
        public Queue<DateTimeOffset> Failures { get; } = new();

        public DateTimeOffset? BlockedUntil { get; set; }
    }
}
