using System.Text.Json.Serialization;
using ContactCenter.Contracts.Calls;

namespace ContactCenter.CallEngine.Calls;

/// <summary>A live call as the API shows it.</summary>
/// <param name="CallId">The call id (the same as in every call event).</param>
/// <param name="Direction">Inbound, outbound or internal.</param>
/// <param name="CallerNumber">The calling number as received.</param>
/// <param name="DialedNumber">The number dialled.</param>
/// <param name="Phase">Ringing, answered or ended.</param>
/// <param name="AgentExtension">The agent on the call or being offered it, if any.</param>
/// <param name="StartedAt">When the INVITE arrived.</param>
/// <param name="AnsweredAt">When it was answered, if it was.</param>
/// <param name="OnHold">Whether a party holds the call.</param>
/// <param name="CallerNumberE164">The calling number in E.164, when it is one.</param>
public sealed record CallSnapshot(Guid CallId,
    [property: JsonConverter(typeof(JsonStringEnumConverter<CallDirection>))] CallDirection Direction, string CallerNumber, string DialedNumber,
    [property: JsonConverter(typeof(JsonStringEnumConverter<CallPhase>))] CallPhase Phase,
    string? AgentExtension, DateTimeOffset StartedAt, DateTimeOffset? AnsweredAt, bool OnHold, string? CallerNumberE164 = null);
