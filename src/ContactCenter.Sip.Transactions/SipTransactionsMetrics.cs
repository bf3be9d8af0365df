using System.Diagnostics.Metrics;

namespace ContactCenter.Sip.Transactions;

/// <summary>The project's one <see cref="Meter"/> (<c>ContactCenter.Sip.Transactions</c>) and its instruments.</summary>
public sealed class SipTransactionsMetrics
{
    /// <summary>The meter name.</summary>
    public const string MeterName = "ContactCenter.Sip.Transactions";

    private readonly Counter<long> _created;
    private readonly Counter<long> _retransmissions;
    private readonly Counter<long> _timeouts;
    private readonly Counter<long> _transportErrors;
    private readonly Counter<long> _strayResponses;
    private readonly UpDownCounter<long> _active;

    /// <summary>Creates the instruments on a meter from <paramref name="meterFactory"/>.</summary>
    public SipTransactionsMetrics(IMeterFactory meterFactory)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        var meter = meterFactory.Create(MeterName);
        _created = meter.CreateCounter<long>("sip.transactions.created", "{transaction}", "Transactions created, by kind.");
        _retransmissions = meter.CreateCounter<long>("sip.transactions.retransmissions", "{message}", "Requests, responses and ACKs sent again, by kind.");
        _timeouts = meter.CreateCounter<long>("sip.transactions.timeouts", "{transaction}", "Transactions ended by Timer B, F or H, by kind.");
        _transportErrors = meter.CreateCounter<long>("sip.transactions.transport_errors", "{transaction}", "Transactions ended by a failed send, by kind.");
        _strayResponses = meter.CreateCounter<long>("sip.transactions.stray_responses", "{response}", "Responses that matched no client transaction and were dropped.");
        _active = meter.CreateUpDownCounter<long>("sip.transactions.active", "{transaction}", "Transactions in the tables now, by kind.");
    }

    internal void Created(SipTransactionKind kind)
    {
        _created.Add(1, Tag(kind));
        _active.Add(1, Tag(kind));
    }

    internal void Removed(SipTransactionKind kind) => _active.Add(-1, Tag(kind));

    internal void Retransmitted(SipTransactionKind kind) => _retransmissions.Add(1, Tag(kind));

    internal void TimedOut(SipTransactionKind kind) => _timeouts.Add(1, Tag(kind));

    internal void TransportFailed(SipTransactionKind kind) => _transportErrors.Add(1, Tag(kind));

    internal void StrayResponseDropped() => _strayResponses.Add(1);

    private static KeyValuePair<string, object?> Tag(SipTransactionKind kind) => new("Kind", kind.ToString());
}
