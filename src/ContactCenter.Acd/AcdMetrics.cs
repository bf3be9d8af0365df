using System.Diagnostics.Metrics;

namespace ContactCenter.Acd;

/// <summary>The ACD's metrics (meter <c>ContactCenter.Acd</c>).</summary>
public sealed class AcdMetrics : IDisposable
{
    /// <summary>The meter name.</summary>
    public const string MeterName = "ContactCenter.Acd";

    private readonly Meter _meter;
    private readonly Counter<long> _decisions;
    private readonly Counter<long> _fallbacks;
    private readonly Histogram<double> _decisionTime;
    private readonly Counter<long> _abandoned;

    /// <summary>Creates the instruments.</summary>
    public AcdMetrics(IMeterFactory meterFactory)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        _meter = meterFactory.Create(MeterName);
        _decisions = _meter.CreateCounter<long>("acd.decisions", description: "Routing decisions, by rule");
        _fallbacks = _meter.CreateCounter<long>("acd.fallbacks", description: "Decisions that fell back to the operator queue (no client data or policy)");
        _decisionTime = _meter.CreateHistogram<double>("acd.decision.duration", "ms", "Time to decide, client look-up included");
        _abandoned = _meter.CreateCounter<long>("acd.queue.abandoned", description: "Callers who hung up while queued");
    }

    /// <summary>A decision by <paramref name="rule"/> took <paramref name="elapsed"/>.</summary>
    public void Decided(string rule, TimeSpan elapsed, bool fallback)
    {
        _decisions.Add(1, new KeyValuePair<string, object?>("rule", rule));
        _decisionTime.Record(elapsed.TotalMilliseconds);
        if (fallback)
        {
            _fallbacks.Add(1);
        }
    }

    /// <summary>A caller hung up while queued.</summary>
    public void Abandoned(string queue) => _abandoned.Add(1, new KeyValuePair<string, object?>("queue", queue));

    /// <inheritdoc />
    public void Dispose() => _meter.Dispose();
}
