namespace ContactCenter.CallEngine.Routing;

/// <summary>
/// Decides who is offered a call, in what order (the ACD plugs in here). The engine asks once when the call
/// arrives and again when every target so far has failed, passing what it already tried.
/// </summary>
public interface ICallRouter
{
    /// <summary>The ordered targets for <paramref name="request"/>; an empty list means nobody can take the call now.</summary>
    ValueTask<CallRoute> RouteAsync(CallRouteRequest request, CancellationToken cancellationToken);
}
