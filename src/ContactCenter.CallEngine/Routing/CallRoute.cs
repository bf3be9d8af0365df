using System.Text.Json;

namespace ContactCenter.CallEngine.Routing;

/// <summary>A routing decision: which rule matched, the targets (extensions) in order, and why.</summary>
/// <param name="RuleName">The rule that matched.</param>
/// <param name="Targets">Extensions to offer the call to, in order.</param>
/// <param name="Steps">Each candidate considered and what the router made of it (kept, or skipped and why).</param>
/// <param name="ClientId">The identified client, if any.</param>
/// <param name="ClientType">The client's type, if known.</param>
public sealed record CallRoute(string RuleName, IReadOnlyList<string> Targets, IReadOnlyList<RoutingStep> Steps, Guid? ClientId = null,
    string? ClientType = null)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>
    /// When none of <see cref="Targets"/> takes the call: the queue it waits in (the engine keeps the caller on
    /// ringback or music and asks again when an agent frees up), or null to give up.
    /// </summary>
    public QueueWait? Queue { get; init; }

    /// <summary>Ring every target at once (a ring-all queue) instead of one after another.</summary>
    public bool RingAll { get; init; }

    /// <summary>Whether to record the call when one of these targets answers (a queue's switch); null for the service number's or global setting.</summary>
    public bool? Record { get; init; }

    /// <summary>An announcement (by name, e.g. <c>closed</c>) the caller hears before the call ends when no target takes it.</summary>
    public string? FinalAnnouncement { get; init; }

    /// <summary>After <see cref="FinalAnnouncement"/> the caller may leave a message here (a closed queue with voicemail), or null.</summary>
    public VoicemailBox? Voicemail { get; init; }

    /// <summary>The decision as the JSON document stored on the call record (rule, targets, steps).</summary>
    public string ToTraceJson() => JsonSerializer.Serialize(new { rule = RuleName, targets = Targets, steps = Steps, queue = Queue?.QueueName }, Json);
}

/// <summary>One candidate the router considered.</summary>
/// <param name="Extension">The extension.</param>
/// <param name="Verdict">What was decided: "available ...", or the reason it was skipped.</param>
public sealed record RoutingStep(string Extension, string Verdict);
