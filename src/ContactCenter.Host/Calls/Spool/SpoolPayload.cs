namespace ContactCenter.Host.Calls.Spool;

/// <summary>What a spool record holds: the bus message id, the contract's full type name and its JSON.</summary>
/// <param name="MessageId">The bus MessageId, the same on every replay.</param>
/// <param name="Type">Full name of a ContactCenter.Contracts record.</param>
/// <param name="Body">The event, serialized with the outbox's settings.</param>
internal sealed record SpoolPayload(Guid MessageId, string Type, System.Text.Json.JsonElement Body);
