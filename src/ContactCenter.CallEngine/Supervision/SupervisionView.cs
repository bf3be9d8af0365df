using System.Text.Json.Serialization;
using ContactCenter.Media.Supervision;

namespace ContactCenter.CallEngine.Supervision;

/// <summary>A supervisor on a live call, as the API shows it.</summary>
/// <param name="CallId">The call.</param>
/// <param name="Supervisor">The supervisor's extension.</param>
/// <param name="Agent">The agent on the call.</param>
/// <param name="Mode">Listen, whisper or barge.</param>
/// <param name="Joined">True once the supervisor's phone answered (false while it rings).</param>
/// <param name="Since">When the supervision was asked for.</param>
public sealed record SupervisionView(Guid CallId, string Supervisor, string? Agent,
    [property: JsonConverter(typeof(JsonStringEnumConverter<SupervisionMode>))] SupervisionMode Mode, bool Joined, DateTimeOffset Since);
