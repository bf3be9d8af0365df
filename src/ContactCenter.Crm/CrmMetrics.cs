using System.Diagnostics.Metrics;

namespace ContactCenter.Crm;

/// <summary>The CRM's meter: outbox throughput, consumed call events, orders and upsell offers.</summary>
public sealed class CrmMetrics
{
    /// <summary>Meter name, for exporters.</summary>
    public const string MeterName = "ContactCenter.Crm";

    private readonly Counter<long> _outboxPublished;
    private readonly Counter<long> _outboxPassFailed;
    private readonly Counter<long> _callEvents;
    private readonly Counter<long> _duplicates;
    private readonly Histogram<int> _callLogBatch;
    private readonly Histogram<double> _callEventVisible;
    private readonly Histogram<double> _callLogWait;
    private readonly Histogram<double> _callLogWrite;
    private readonly Counter<long> _ordersAccepted;
    private readonly Counter<long> _ordersRefused;
    private readonly Counter<long> _upsellOffered;
    private readonly Counter<long> _upsellAccepted;
    private readonly Counter<long> _promotionsOffered;
    private readonly Counter<long> _promotionsAccepted;
    private readonly Counter<long> _emailAttempts;

    /// <summary>Creates the instruments on the host's meter factory.</summary>
    public CrmMetrics(IMeterFactory meterFactory)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        var meter = meterFactory.Create(MeterName);
        _outboxPublished = meter.CreateCounter<long>("contactcenter.crm.outbox.published", description: "Outbox messages published to the bus");
        _outboxPassFailed = meter.CreateCounter<long>("contactcenter.crm.outbox.pass_failures",
            description: "Outbox passes that failed (database or broker down); the messages stay queued");
        _callEvents = meter.CreateCounter<long>("contactcenter.crm.call_events.applied", description: "Call events applied to the call log");
        _duplicates = meter.CreateCounter<long>("contactcenter.crm.call_events.duplicates", description: "Redelivered call events ignored");
        _callLogBatch = meter.CreateHistogram<int>("contactcenter.crm.call_log.batch_size", unit: "{event}",
            description: "Call events written per call-log transaction");
        _callEventVisible = meter.CreateHistogram<double>("contactcenter.crm.call_log.visible_delay", unit: "ms",
            description: "From a call event's time to its commit in the call log");
        _callLogWait = meter.CreateHistogram<double>("contactcenter.crm.call_log.queue_wait", unit: "ms",
            description: "From a consumer handing a call event to the call log to a writer taking it into a batch");
        _callLogWrite = meter.CreateHistogram<double>("contactcenter.crm.call_log.write_duration", unit: "ms",
            description: "One call-log batch, from its first statement to its commit");
        _ordersAccepted = meter.CreateCounter<long>("contactcenter.crm.orders.accepted", description: "Orders accepted");
        _ordersRefused = meter.CreateCounter<long>("contactcenter.crm.orders.refused", description: "Order accepts refused, by reason (debt, incomplete)");
        _upsellOffered = meter.CreateCounter<long>("contactcenter.crm.upsell.offered", description: "Products offered beyond accepted orders");
        _upsellAccepted = meter.CreateCounter<long>("contactcenter.crm.upsell.accepted", description: "Offered products the client took, on accepted orders");
        _promotionsOffered = meter.CreateCounter<long>("contactcenter.crm.promotions.offered", description: "Promotions offered on accepted orders");
        _emailAttempts = meter.CreateCounter<long>("contactcenter.crm.email.attempts", description: "Attempts to send e-mails to clients, by result (sent, retry, failed)");
        _promotionsAccepted = meter.CreateCounter<long>("contactcenter.crm.promotions.accepted", description: "Offered promotions the client took, on accepted orders");
    }

    internal void OutboxPublished(int count)
    {
        if (count > 0)
        {
            _outboxPublished.Add(count);
        }
    }

    internal void OutboxPassFailed() => _outboxPassFailed.Add(1);

    internal void CallEventApplied(string type) => _callEvents.Add(1, new KeyValuePair<string, object?>("type", type));

    internal void DuplicateIgnored() => _duplicates.Add(1);

    internal void CallLogBatch(int events) => _callLogBatch.Record(events);

    internal void CallLogWait(TimeSpan wait) => _callLogWait.Record(Math.Max(0, wait.TotalMilliseconds));

    internal void CallLogWrite(TimeSpan duration) => _callLogWrite.Record(duration.TotalMilliseconds);

    internal void CallEventVisible(string type, TimeSpan delay) =>
        _callEventVisible.Record(Math.Max(0, delay.TotalMilliseconds), new KeyValuePair<string, object?>("type", type));

    internal void OrderAccepted(int offered, int offersAccepted)
    {
        _ordersAccepted.Add(1);
        _upsellOffered.Add(offered);
        _upsellAccepted.Add(offersAccepted);
    }

    internal void PromotionsOffered(int offered, int accepted)
    {
        _promotionsOffered.Add(offered);
        _promotionsAccepted.Add(accepted);
    }

    internal void EmailAttempt(string result) => _emailAttempts.Add(1, new KeyValuePair<string, object?>("result", result));

    internal void OrderRefused(string reason) => _ordersRefused.Add(1, new KeyValuePair<string, object?>("reason", reason));
}
