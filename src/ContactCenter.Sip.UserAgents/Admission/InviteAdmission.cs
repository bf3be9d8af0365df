using System.Net;
using ContactCenter.Sip.UserAgents.Authentication;
using Microsoft.Extensions.Options;

namespace ContactCenter.Sip.UserAgents.Admission;

/// <summary>
/// Decides whether a new call may come in (issue #15): a cap on calls in progress, a token bucket for new INVITEs overall
/// and one per source (IPv4 address or IPv6 /64, as the digest limiter counts them). Buckets refill continuously on the
/// injected clock and hold one second's worth, so a short burst at the configured rate passes. The source table is
/// bounded: when full, sources idle longest are forgotten first.
/// </summary>
public sealed class InviteAdmission
{
    private readonly IOptionsMonitor<AdmissionOptions> _options;
    private readonly TimeProvider _time;
    private readonly Func<int> _liveCalls;
    private readonly Lock _gate = new();
    private readonly Dictionary<string, Bucket> _sources = new(StringComparer.Ordinal);
    private Bucket _overall;

    /// <summary>Creates the gate; <paramref name="liveCalls"/> says how many calls are in progress now.</summary>
    public InviteAdmission(IOptionsMonitor<AdmissionOptions> options, TimeProvider time, Func<int> liveCalls)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(liveCalls);
        (_options, _time, _liveCalls) = (options, time, liveCalls);
        _overall = Bucket.Full(options.CurrentValue.MaxInvitesPerSecond, time.GetTimestamp());
    }

    /// <summary>Sources whose rate is tracked now.</summary>
    public int TrackedSources
    {
        get
        {
            lock (_gate)
            {
                return _sources.Count;
            }
        }
    }

    /// <summary>
    /// Takes one new INVITE from <paramref name="source"/> into account and says whether it is admitted;
    /// <paramref name="perSourceExempt"/> for the carrier trunk, whose calls all come from one address.
    /// </summary>
    public AdmissionVerdict TryAdmit(IPAddress source, bool perSourceExempt)
    {
        ArgumentNullException.ThrowIfNull(source);
        var options = _options.CurrentValue;
        if (options.MaxConcurrentCalls > 0 && _liveCalls() >= options.MaxConcurrentCalls)
        {
            return AdmissionVerdict.TooManyCalls;
        }

        var now = _time.GetTimestamp();
        lock (_gate)
        {
            Bucket? perSource = null;
            var key = perSourceExempt || options.MaxInvitesPerSecondPerSource <= 0 ? null : SourceNetwork.Of(source);
            if (key is not null)
            {
                perSource = _sources.TryGetValue(key, out var known) ? known : Bucket.Full(options.MaxInvitesPerSecondPerSource, now);
                perSource = perSource.Value.Refilled(options.MaxInvitesPerSecondPerSource, now, _time.TimestampFrequency);
                if (perSource.Value.Tokens < 1)
                {
                    Remember(key, perSource.Value, options.MaxTrackedSources);
                    return AdmissionVerdict.SourceRateExceeded;
                }
            }

            if (options.MaxInvitesPerSecond > 0)
            {
                _overall = _overall.Refilled(options.MaxInvitesPerSecond, now, _time.TimestampFrequency);
                if (_overall.Tokens < 1)
                {
                    if (key is not null)
                    {
                        Remember(key, perSource!.Value, options.MaxTrackedSources);
                    }

                    return AdmissionVerdict.RateExceeded;
                }

                _overall = _overall.Take();
            }

            if (key is not null)
            {
                Remember(key, perSource!.Value.Take(), options.MaxTrackedSources);
            }

            return AdmissionVerdict.Admitted;
        }
    }

    // Under the lock. A full table first drops the sources whose buckets are full again (they would start full anyway),
    // then, if a spoofed flood keeps every entry busy, the half idle longest.
    private void Remember(string key, Bucket bucket, int capacity)
    {
        if (!_sources.ContainsKey(key) && _sources.Count >= capacity)
        {
            var rate = _options.CurrentValue.MaxInvitesPerSecondPerSource;
            var now = bucket.At;
            foreach (var (k, b) in _sources)
            {
                if (b.Refilled(rate, now, _time.TimestampFrequency).Tokens >= rate)
                {
                    _sources.Remove(k);
                }
            }

            if (_sources.Count >= capacity)
            {
                foreach (var k in _sources.OrderBy(p => p.Value.At).Take(Math.Max(1, _sources.Count / 2)).Select(p => p.Key).ToList())
                {
                    _sources.Remove(k);
                }
            }
        }

        _sources[key] = bucket;
    }

    private readonly record struct Bucket(double Tokens, long At)
    {
        public static Bucket Full(int rate, long now) => new(Math.Max(rate, 1), now);

        public Bucket Refilled(int rate, long now, long frequency)
        {
            var elapsed = Math.Max(0, now - At) / (double)frequency;
            return new Bucket(Math.Min(Math.Max(rate, 1), Tokens + (elapsed * rate)), now);
        }

        public Bucket Take() => this with { Tokens = Tokens - 1 };
    }
}
