using System.Diagnostics.Metrics;

namespace ContactCenter.Crm;

/// <summary>The CRM's meter: outbox throughput and consumed call events.</summary>
public sealed class CrmMetrics
{
    /// <summary>Meter name, for exporters.</summary>
    public const string MeterName = "ContactCenter.Crm";

    private readonly Counter<long> _outboxPublished;
    private readonly Counter<long> _callEvents;
    private readonly Counter<long> _duplicates;

    /// <summary>Creates the instruments on the host's meter factory.</summary>
    public CrmMetrics(IMeterFactory meterFactory)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        var meter = meterFactory.Create(MeterName);
        _outboxPublished = meter.CreateCounter<long>("contactcenter.crm.outbox.published", description: "Outbox messages published to the bus");
        _callEvents = meter.CreateCounter<long>("contactcenter.crm.call_events.applied", description: "Call events applied to the call log");
        _duplicates = meter.CreateCounter<long>("contactcenter.crm.call_events.duplicates", description: "Redelivered call events ignored");
    }

    internal void OutboxPublished(int count)
    {
        if (count > 0)
        {
            _outboxPublished.Add(count);
        }
    }

    internal void CallEventApplied(string type) => _callEvents.Add(1, new KeyValuePair<string, object?>("type", type));

    internal void DuplicateIgnored() => _duplicates.Add(1);
}
