using ContactCenter.CallEngine.Routing;

namespace ContactCenter.Acd.Routing;

/// <summary>
/// What the router decided and why: the rule, the identified client, each candidate with its state and verdict,
/// the targets in order, and, when nobody can take the call now, the queue it waits in or the announcement it hears.
/// The explain endpoint returns it as it is; real calls store <see cref="ToCallRoute"/>'s trace on the call record.
/// </summary>
/// <param name="Rule">The rule that matched (or <c>fallback</c> when the router could not decide).</param>
/// <param name="PolicyVersion">The version of the policy in force.</param>
/// <param name="Client">The identified client, or null for an unknown number.</param>
/// <param name="Candidates">Everyone considered, in order.</param>
/// <param name="Targets">Extensions to offer the call to, in order.</param>
/// <param name="Queue">The queue the call waits in when no target is free now.</param>
/// <param name="FinalAnnouncement">What the caller hears before the call ends when nobody can take it (e.g. <c>closed</c>).</param>
/// <param name="Note">Why the router fell back, when it did.</param>
public sealed record RoutingDecision(string Rule, int PolicyVersion, ClientSummary? Client, IReadOnlyList<RoutingCandidate> Candidates,
    IReadOnlyList<string> Targets, QueueWait? Queue, string? FinalAnnouncement, string? Note)
{
    /// <summary>The recording switch of the queue the targets came from, or null.</summary>
    public bool? Record { get; init; }

    /// <summary>Where the caller may leave a message when the call ends on a closed queue with voicemail, or null.</summary>
    public VoicemailBox? Voicemail { get; init; }

    /// <summary>The targets ring all at once (a ring-all queue).</summary>
    public bool RingAll { get; init; }

    /// <summary>The target that would be offered the call now, or null.</summary>
    public string? WouldOffer => Targets.Count > 0 ? Targets[0] : null;

    /// <summary>The decision in the call engine's terms.</summary>
    public CallRoute ToCallRoute() =>
        new(Rule, Targets, [.. Candidates.Select(c => new RoutingStep(c.Extension ?? c.Source, c.Extension is null ? c.Verdict : $"{c.Source}: {c.Verdict}"))],
            Client?.Id, Client?.Type)
        {
            Queue = Queue,
            FinalAnnouncement = FinalAnnouncement,
            Voicemail = Voicemail,
            Record = Record,
            RingAll = RingAll,
        };
}

/// <summary>The identified caller.</summary>
/// <param name="Id">The client.</param>
/// <param name="Name">Its name.</param>
/// <param name="Type">Its type code.</param>
/// <param name="Manager">The assigned manager's extension.</param>
/// <param name="Debt">Why orders are blocked, or null.</param>
public sealed record ClientSummary(Guid Id, string Name, string Type, string? Manager, string? Debt);

/// <summary>One candidate the router considered.</summary>
/// <param name="Source">The chain entry it came from (e.g. <c>assigned-manager</c>, <c>queue:operators</c>).</param>
/// <param name="Extension">The extension, or null for an entry that named nobody (e.g. a client without a manager).</param>
/// <param name="State">The agent's effective state (available, on-call, break, ...), or null.</param>
/// <param name="Verdict">What the router made of it: <c>available</c>, or why it was skipped.</param>
/// <param name="Offered">True when it is among the targets.</param>
public sealed record RoutingCandidate(string Source, string? Extension, string? State, string Verdict, bool Offered);
