using System.Text.Json;
using System.Text.Json.Serialization;

namespace ContactCenter.Acd.Policy;

/// <summary>
/// The routing policy admins edit at run time: rules in order of precedence, queues, business hours, and which
/// department serves which client type. Stored as one versioned JSON document; see sip-config/routing.json.
/// </summary>
/// <param name="Rules">Rules, first match wins.</param>
/// <param name="Queues">Queues rules may send calls to.</param>
/// <param name="Hours">Named business hours queues refer to.</param>
/// <param name="DepartmentsByClientType">The sales department serving each client type (for <c>client-department-head</c>).</param>
/// <param name="DefaultDepartment">The department for unknown callers and unmapped types.</param>
/// <param name="LastResort">Targets tried when a rule's whole chain is unavailable (a call is never dropped while someone can take it).</param>
public sealed record RoutingPolicy(
    IReadOnlyList<RoutingRuleDefinition> Rules,
    IReadOnlyList<QueueDefinition>? Queues = null,
    IReadOnlyList<BusinessHoursDefinition>? Hours = null,
    IReadOnlyDictionary<string, string>? DepartmentsByClientType = null,
    string? DefaultDepartment = null,
    IReadOnlyList<string>? LastResort = null)
{
    /// <summary>How the policy document is written and read (camelCase, comments and trailing commas allowed).</summary>
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        Converters = { new QueueMemberJsonConverter() },
    };

    /// <summary>Reads a policy document; <paramref name="error"/> says what is wrong when it cannot be read.</summary>
    public static bool TryParse(string json, out RoutingPolicy? policy, out string? error)
    {
        try
        {
            policy = JsonSerializer.Deserialize<RoutingPolicy>(json, Json);
            error = policy is null ? "the document is empty" : null;
            return policy is not null;
        }
        catch (JsonException ex)
        {
            (policy, error) = (null, ex.Message);
            return false;
        }
    }

    /// <summary>The policy as its JSON document.</summary>
    public string ToJson() => JsonSerializer.Serialize(this, Json);

    /// <summary>The queue named <paramref name="name"/>, or null.</summary>
    public QueueDefinition? FindQueue(string name) =>
        Queues?.FirstOrDefault(q => string.Equals(q.Name, name, StringComparison.OrdinalIgnoreCase));

    /// <summary>The business hours named <paramref name="name"/>, or null.</summary>
    public BusinessHoursDefinition? FindHours(string name) =>
        Hours?.FirstOrDefault(h => string.Equals(h.Name, name, StringComparison.OrdinalIgnoreCase));
}

/// <summary>One rule: when it applies and the chain of targets tried in order.</summary>
/// <param name="Name">Shown in traces and reports (e.g. <c>key-client</c>).</param>
/// <param name="When">The conditions, all of which must hold; none means every call.</param>
/// <param name="Targets">Target chain, e.g. <c>["assigned-manager", "key-account-managers", "department-head:wholesale"]</c>.</param>
/// <param name="Enabled">False keeps the rule in the document but out of routing.</param>
public sealed record RoutingRuleDefinition(string Name, RuleCondition? When, IReadOnlyList<string> Targets, bool Enabled = true);

/// <summary>Conditions of a rule; every one given must hold.</summary>
/// <param name="NewCaller">Unknown number, or a client of type <c>new</c> or without a manager.</param>
/// <param name="Debt">Receivables overdue or over the credit limit.</param>
/// <param name="ClientTypes">The client's type is one of these.</param>
/// <param name="MenuChoices">The caller chose one of these purposes in the voice menu.</param>
/// <param name="ServiceNumbers">The caller dialled one of these numbers.</param>
public sealed record RuleCondition(bool? NewCaller = null, bool? Debt = null, IReadOnlyList<string>? ClientTypes = null,
    IReadOnlyList<string>? MenuChoices = null, IReadOnlyList<string>? ServiceNumbers = null);

/// <summary>A queue of calls waiting for one of its members.</summary>
/// <param name="Name">Name used in targets as <c>queue:NAME</c>.</param>
/// <param name="Members">Agents serving the queue (an extension, optionally with a penalty).</param>
/// <param name="Strategy">longest-idle (default), fewest-calls, round-robin, skills (lowest penalty first), or ring-all.</param>
/// <param name="MaxWait">The longest a caller waits before <paramref name="Overflow"/> (none: until an agent is free).</param>
/// <param name="Overflow">Targets after the maximum wait, or when no member is logged in (may name another queue).</param>
/// <param name="Hours">Business hours by name; outside them callers hear the closed announcement.</param>
/// <param name="AnnouncePosition">Callers hear the queue-position announcement on entering the queue.</param>
/// <param name="Record">Record calls answered from this queue (true/false), or null for the service number's or global setting.</param>
/// <param name="CallbackKey">The key a waiting caller presses to be called back instead of waiting (e.g. <c>"1"</c>), or null for none.</param>
/// <param name="ServiceLevelThreshold">A call answered within this wait counts toward the queue's service level (null: 20 s).</param>
/// <param name="Voicemail">Outside <paramref name="Hours"/> the caller may leave a message that becomes a task for the queue (null or true: yes; false: the announcement only).</param>
public sealed record QueueDefinition(string Name, IReadOnlyList<QueueMember> Members, string Strategy = QueueStrategies.LongestIdle,
    TimeSpan? MaxWait = null, IReadOnlyList<string>? Overflow = null, string? Hours = null, bool AnnouncePosition = true, bool? Record = null, string? CallbackKey = null,
    TimeSpan? ServiceLevelThreshold = null, bool? Voicemail = null)
{
    /// <summary>The service level threshold when a queue names none (the usual 80/20 target's 20 s).</summary>
    public static readonly TimeSpan DefaultServiceLevelThreshold = TimeSpan.FromSeconds(20);

    /// <summary>The threshold in force: <see cref="ServiceLevelThreshold"/> or <see cref="DefaultServiceLevelThreshold"/>.</summary>
    [JsonIgnore]
    public TimeSpan ServiceLevelThresholdInForce => ServiceLevelThreshold ?? DefaultServiceLevelThreshold;
}

/// <summary>A queue member; a lower penalty is offered calls first under the skills strategy.</summary>
public sealed record QueueMember(string Extension, int Penalty = 0);

/// <summary>Opening hours by weekday (<c>mon</c>..<c>sun</c>: <c>"08:00-20:00"</c>; a missing day is closed) and holidays.</summary>
/// <param name="Name">Name queues refer to.</param>
/// <param name="TimeZone">IANA time zone of the hours, e.g. <c>Europe/Moscow</c>.</param>
/// <param name="Week">Opening ranges by weekday.</param>
/// <param name="Holidays">Closed all day.</param>
public sealed record BusinessHoursDefinition(string Name, string TimeZone, IReadOnlyDictionary<string, string> Week, IReadOnlyList<DateOnly>? Holidays = null);

/// <summary>The queue strategies the ACD knows.</summary>
public static class QueueStrategies
{
    /// <summary>The member idle longest first.</summary>
    public const string LongestIdle = "longest-idle";

    /// <summary>The member with the fewest answered calls first.</summary>
    public const string FewestCalls = "fewest-calls";

    /// <summary>Members in turn.</summary>
    public const string RoundRobin = "round-robin";

    /// <summary>Lowest penalty first, then longest idle.</summary>
    public const string Skills = "skills";

    /// <summary>Every free member's phone rings at once; the first to answer takes the call.</summary>
    public const string RingAll = "ring-all";

    /// <summary>All strategies.</summary>
    public static readonly IReadOnlyList<string> All = [LongestIdle, FewestCalls, RoundRobin, Skills, RingAll];
}
