using ContactCenter.Crm.EngineEvents;

namespace ContactCenter.Host.Calls.Lanes;

/// <summary>
/// On one machine, the CRM's share of the engine's events (call log, agent-state history, new callers) straight from the
/// spool, with its own cursor: it moves when the database has them, and a database outage holds back only this lane.
/// </summary>
public sealed class CrmLane(InProcessCallEvents crm) : ICallEventLane
{
    /// <summary>The lane's (and its cursor's) name.</summary>
    public const string LaneName = "crm";

    /// <inheritdoc />
    public string Name => LaneName;

    /// <inheritdoc />
    public bool Wants(Type type) => InProcessCallEvents.Types.Contains(type);

    /// <inheritdoc />
    public bool GainsFromBatches => true;

    /// <inheritdoc />
    public Task DeliverAsync(IReadOnlyList<SpooledEvent> events, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(events);
        return crm.ApplyAsync([.. events.Select(e => e.Message)], cancellationToken);
    }
}
