using System.Diagnostics.Metrics;
using ContactCenter.Contracts.Calls;
using ContactCenter.Sessions;

namespace ContactCenter.CallEngine;

/// <summary>The call engine's meter (<c>ContactCenter.CallEngine</c>): calls, offers, outcomes, setup time.</summary>
public sealed class CallEngineMetrics
{
    /// <summary>The meter name.</summary>
    public const string MeterName = "ContactCenter.CallEngine";

    private readonly Counter<long> _received;
    private readonly Counter<long> _rejected;
    private readonly Counter<long> _offers;
    private readonly Counter<long> _offerFailures;
    private readonly Counter<long> _answered;
    private readonly Counter<long> _ended;
    private readonly Histogram<double> _answerDelay;
    private readonly Counter<long> _trunkCalls;
    private readonly Counter<long> _trunkFailures;
    private long _active;

    /// <summary>Creates the instruments.</summary>
    public CallEngineMetrics(IMeterFactory meterFactory)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        var meter = meterFactory.Create(MeterName);
        _received = meter.CreateCounter<long>("calls.received", description: "Calls that reached the engine, by direction.");
        _rejected = meter.CreateCounter<long>("calls.rejected", description: "Arriving calls the engine refused before they began, by cause.");
        _offers = meter.CreateCounter<long>("calls.offers", description: "Times a call rang a target.");
        _offerFailures = meter.CreateCounter<long>("calls.offer_failures", description: "Offers that did not connect, by reason.");
        _answered = meter.CreateCounter<long>("calls.answered", description: "Calls answered by an agent.");
        _ended = meter.CreateCounter<long>("calls.ended", description: "Calls ended, by who ended them.");
        _answerDelay = meter.CreateHistogram<double>("calls.answer_delay", unit: "s", description: "From the INVITE to the agent's answer.");
        _trunkCalls = meter.CreateCounter<long>("trunk.calls", description: "Calls carried by a trunk, by trunk and direction (outbound: answered through it).");
        _trunkFailures = meter.CreateCounter<long>("trunk.failures", description: "Outbound attempts a trunk failed (server error, 408, no response), by trunk.");
        meter.CreateObservableGauge("calls.active", () => Volatile.Read(ref _active), description: "Calls in progress.");
    }

    internal void Received(CallDirection direction)
    {
        _received.Add(1, new KeyValuePair<string, object?>("direction", direction.ToString()));
        Interlocked.Increment(ref _active);
    }

    internal void Rejected(LegEndCause cause) => _rejected.Add(1, new KeyValuePair<string, object?>("cause", cause.ToString()));

    internal void Offered() => _offers.Add(1);

    internal void OfferFailed(string reason) => _offerFailures.Add(1, new KeyValuePair<string, object?>("reason", reason));

    internal void Answered(TimeSpan delay)
    {
        _answered.Add(1);
        _answerDelay.Record(delay.TotalSeconds);
    }

    internal void Ended(CallEndedBy endedBy)
    {
        _ended.Add(1, new KeyValuePair<string, object?>("ended_by", endedBy.ToString()));
        Interlocked.Decrement(ref _active);
    }

    internal void TrunkCall(string? trunk, string direction) =>
        _trunkCalls.Add(1, new KeyValuePair<string, object?>("trunk", trunk ?? "trunk"), new KeyValuePair<string, object?>("direction", direction));

    internal void TrunkFailed(string? trunk) => _trunkFailures.Add(1, new KeyValuePair<string, object?>("trunk", trunk ?? "trunk"));
}
