using System.Diagnostics.Metrics;

namespace ContactCenter.Sip.UserAgents.Dialogs;

/// <summary>
/// Dialog instruments on the project's one meter (<see cref="UserAgentsMetrics.MeterName"/>; the meter factory hands
/// back the same <see cref="Meter"/> for the same name).
/// </summary>
public sealed class DialogMetrics
{
    private readonly Counter<long> _created;
    private readonly Counter<long> _terminated;
    private readonly UpDownCounter<long> _active;
    private readonly Counter<long> _rejected;
    private readonly Counter<long> _retransmits;

    /// <summary>Creates the instruments on the <c>ContactCenter.Sip.UserAgents</c> meter from <paramref name="meterFactory"/>.</summary>
    public DialogMetrics(IMeterFactory meterFactory)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        var meter = meterFactory.Create(UserAgentsMetrics.MeterName);
        _created = meter.CreateCounter<long>("sip.dialogs.created", "{dialog}", "Dialogs created, by role (uac, uas).");
        _terminated = meter.CreateCounter<long>("sip.dialogs.terminated", "{dialog}", "Dialogs ended, by reason.");
        _active = meter.CreateUpDownCounter<long>("sip.dialogs.active", "{dialog}", "Dialogs in the table.");
        _rejected = meter.CreateCounter<long>("sip.dialogs.requests_rejected", "{request}",
            "In-dialog requests refused by the dialog layer (481, 500 out of order, 491 glare), by status code.");
        _retransmits = meter.CreateCounter<long>("sip.dialogs.2xx_retransmits", "{response}", "2xx to INVITE retransmitted while waiting for ACK.");
    }

    internal void Created(bool isUac)
    {
        _created.Add(1, new KeyValuePair<string, object?>("Role", isUac ? "uac" : "uas"));
        _active.Add(1);
    }

    internal void Terminated(DialogTerminationReason reason)
    {
        _terminated.Add(1, new KeyValuePair<string, object?>("Reason", reason.ToString()));
        _active.Add(-1);
    }

    internal void RequestRejected(int statusCode) => _rejected.Add(1, new KeyValuePair<string, object?>("StatusCode", statusCode));

    internal void Retransmitted() => _retransmits.Add(1);
}
