namespace ContactCenter.CallEngine.Dialing;

/// <summary>
/// The trunks in call terms (issue #17): which trunks may carry a call to an outside number, in the order to try them,
/// and where a carrier's call to one of its numbers (a DID) goes. Answered from memory, never from a database.
/// </summary>
public interface ITrunkPlan
{
    /// <summary>The trunks that may carry a call to <paramref name="e164"/>, best first (empty: none may).</summary>
    IReadOnlyList<TrunkChoice> Choose(string e164);

    /// <summary>
    /// Where a call from trunk <paramref name="trunk"/> to <paramref name="dialed"/> goes: the service number or
    /// extension the DID maps to, or null when the trunk has no such number.
    /// </summary>
    string? InboundTarget(string trunk, string dialed);
}

/// <summary>A trunk that may carry an outbound call.</summary>
/// <param name="Trunk">Its name (the session layer finds the trunk by it; the call record shows it).</param>
/// <param name="CallerId">The caller ID to present on it (E.164), or null for anonymous.</param>
public sealed record TrunkChoice(string Trunk, string? CallerId);
