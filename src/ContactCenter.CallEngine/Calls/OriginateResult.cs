namespace ContactCenter.CallEngine.Calls;

/// <summary>A call the service places: its id and whether it connected, or why it could not be placed.</summary>
/// <param name="CallId">The call, or null when it was not placed.</param>
/// <param name="Connected">Completes with true when the client answered, false when the call ended before.</param>
/// <param name="Refusal">Why the call was not placed, or null.</param>
public sealed record OriginateResult(Guid? CallId, Task<bool>? Connected, string? Refusal);
