using System.Diagnostics.Metrics;

namespace ContactCenter.Host.Calls.Spool;

/// <summary>The call-event spool's instruments on the host's meter: backlog, fsync time and batch, write failures.</summary>
public sealed class CallEventSpoolMetrics
{
    /// <summary>Meter name, for exporters.</summary>
    public const string MeterName = "ContactCenter.Host";

    private readonly Histogram<double> _fsync;
    private readonly Histogram<long> _groupSize;
    private readonly Counter<long> _appendFailures;
    private readonly Counter<long> _published;
    private Func<IReadOnlyList<(string Lane, long Backlog)>> _backlog = () => [];

    /// <summary>Creates the instruments on the host's meter factory.</summary>
    public CallEventSpoolMetrics(IMeterFactory meterFactory)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        var meter = meterFactory.Create(MeterName);
        _fsync = meter.CreateHistogram<double>("contactcenter.call_events.spool.fsync_duration", unit: "ms", description: "One group commit of the call-event spool");
        _groupSize = meter.CreateHistogram<long>("contactcenter.call_events.spool.group_size", unit: "{event}", description: "Events made durable by one fsync");
        _appendFailures = meter.CreateCounter<long>("contactcenter.call_events.spool.append_failures", description: "Call events the disk refused (kept in memory instead)");
        _published = meter.CreateCounter<long>("contactcenter.call_events.published", description: "Call events a lane (tag lane: bus, crm) took");
        meter.CreateObservableGauge("contactcenter.call_events.backlog",
            () => _backlog().Select(b => new Measurement<long>(b.Backlog, new KeyValuePair<string, object?>("lane", b.Lane))),
            unit: "{event}", description: "Call events produced and not yet taken by a lane (tag lane: bus, crm)");
    }

    internal void ObserveBacklog(Func<IReadOnlyList<(string Lane, long Backlog)>> backlog) => _backlog = backlog;

    internal void GroupCommitted(TimeSpan took, long events)
    {
        _fsync.Record(took.TotalMilliseconds);
        _groupSize.Record(events);
    }

    internal void AppendFailed() => _appendFailures.Add(1);

    internal void Delivered(string lane, int count) => _published.Add(count, new KeyValuePair<string, object?>("lane", lane));
}
