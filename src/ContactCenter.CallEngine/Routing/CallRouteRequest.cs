namespace ContactCenter.CallEngine.Routing;

/// <summary>What the engine knows of a call when it asks the router.</summary>
/// <param name="CallId">The call.</param>
/// <param name="CallerNumber">The calling number as received (From user part or P-Asserted-Identity).</param>
/// <param name="CallerNumberE164">The calling number normalized to E.164, or null when it cannot be.</param>
/// <param name="DialedNumber">The number dialled (a service number or an extension).</param>
/// <param name="MenuChoice">The purpose chosen in the voice menu (order, reference, other), or null.</param>
/// <param name="Tried">Extensions already offered the call, in order.</param>
public sealed record CallRouteRequest(Guid CallId, string CallerNumber, string? CallerNumberE164, string DialedNumber, string? MenuChoice,
    IReadOnlyList<string> Tried);
