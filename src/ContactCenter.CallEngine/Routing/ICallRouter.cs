namespace ContactCenter.CallEngine.Routing;

/// <summary>
/// Decides who is offered a call, in what order (the ACD plugs in here). The engine asks once when the call
/// arrives and again when every target so far has failed, passing what it already tried; while the answer says
/// the call waits in a queue, it asks again whenever an agent's calls change (and at least every few seconds).
/// </summary>
public interface ICallRouter
{
    /// <summary>The ordered targets for <paramref name="request"/>; an empty list means nobody can take the call now.</summary>
    ValueTask<CallRoute> RouteAsync(CallRouteRequest request, CancellationToken cancellationToken);

    /// <summary>
    /// The caller waiting in <paramref name="queue"/> asked to be called back at <paramref name="number"/> (E.164) instead
    /// of waiting; true when the router took the request (the call then ends), false to keep waiting.
    /// </summary>
    bool RequestCallback(Guid callId, string queue, string number) => false;

    /// <summary>The call no longer needs routing: answered by <paramref name="answeredBy"/>, or ended unanswered (null).</summary>
    void Complete(Guid callId, string? answeredBy)
    {
    }
}
