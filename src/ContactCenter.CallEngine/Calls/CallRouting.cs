using ContactCenter.CallEngine.Routing;
using ContactCenter.Contracts.Calls;
using ContactCenter.Sessions;
using Microsoft.Extensions.Logging;

namespace ContactCenter.CallEngine.Calls;

/// <summary>
/// Finds someone to answer an inbound call: asks the router (or takes the dial plan's fixed targets, or dials out
/// through the trunk), offers the call to each target in turn or to all at once, waits in a queue between rounds,
/// asks again when everyone failed, and ends the call when nobody is left.
/// </summary>
internal sealed class CallRouting(ICallContext call, CallerAnnouncements announcements, string? callerNumberE164, string dialedNumber,
    IReadOnlyList<string>? fixedTargets, string? externalNumber)
{
    private readonly List<string> _tried = [];
    private readonly QueueWaiting _queue = new(call, announcements, callerNumberE164);

    /// <summary>The caller's voice menu choice, when the service number has a menu.</summary>
    public string? MenuChoice { get; set; }

    /// <summary>The last route's recording switch (null: the service number's or the global one decides).</summary>
    public bool? Record { get; private set; }

    private CallServices Services => call.Services;

    /// <summary>Routes until a target answered (the call is connected) or the call ended.</summary>
    public async Task RouteAsync(CancellationToken cancellationToken)
    {
        if (externalNumber is not null)
        {
            await DialOutAsync(externalNumber, cancellationToken).ConfigureAwait(false);
            return;
        }

        var route = fixedTargets is not null
            ? FixedRoute(fixedTargets)
            : await Services.Router.RouteAsync(RouteRequest(), cancellationToken).ConfigureAwait(false);
        PublishClassified(route);
        if (Services.Logger.IsEnabled(LogLevel.Information))
        {
            Services.Logger.Routed(call.Id, route.RuleName, string.Join(",", route.Targets), string.Join("; ", route.Steps.Select(s => $"{s.Extension}: {s.Verdict}")));
        }

        while (true)
        {
            Record = route.Record;
            var offered = false;
            var ringAll = route.RingAll && route.Targets.Count > 1;
            if (ringAll)
            {
                offered = true;
                _tried.AddRange(route.Targets);
                var group = await call.NewOffer().OfferGroupAsync(route.Targets, call.CallerMedia.Law, call.CallerNumber, call.Offered, call.OfferFailed,
                    cancellationToken).ConfigureAwait(false);
                if (group is not null)
                {
                    if (await call.ConnectAsync(group).ConfigureAwait(false))
                    {
                        return;
                    }

                    // The one who answered hung up as it answered: the others, withdrawn for that answer, may ring again.
                    _tried.RemoveAll(t => !string.Equals(t, group.Target, StringComparison.Ordinal));
                }

                cancellationToken.ThrowIfCancellationRequested();
            }

            foreach (var target in ringAll ? [] : route.Targets)
            {
                // Outside a queue a target is offered the call once; a queue may come back to an agent later.
                if (route.Queue is null && _tried.Contains(target, StringComparer.Ordinal))
                {
                    continue;
                }

                _tried.Add(target);
                offered = true;
                cancellationToken.ThrowIfCancellationRequested();
                if (await OfferAsync(target, cancellationToken).ConfigureAwait(false))
                {
                    return;
                }
            }

            if (fixedTargets is not null)
            {
                break;
            }

            if (route.Queue is { } queue && await _queue.WaitAsync(queue, offered, cancellationToken).ConfigureAwait(false))
            {
                return;
            }

            // Everyone so far failed: the router may know someone else now (a phone registered, an agent freed up).
            var previous = route;
            route = await Services.Router.RouteAsync(RouteRequest(), cancellationToken).ConfigureAwait(false);
            if (!string.Equals(previous.RuleName, route.RuleName, StringComparison.Ordinal) || previous.Queue?.QueueName != route.Queue?.QueueName)
            {
                // Overflow or a changed policy: the record keeps every decision.
                PublishClassified(route);
            }

            if (route.Queue is null && route.Targets.All(t => _tried.Contains(t, StringComparer.Ordinal)))
            {
                break;
            }
        }

        if (route.Voicemail is { } box && Services.Calls.VoicemailMaxSeconds > 0 && !call.LateOffer)
        {
            await new VoicemailTaking(call).RunAsync(box, route.ClientId, callerNumberE164, cancellationToken).ConfigureAwait(false);
            return;
        }

        if (route.FinalAnnouncement is { } final)
        {
            await announcements.PlayAsync(final, null, cancellationToken).ConfigureAwait(false);
        }

        await call.EndAsync(CallEndedBy.System, route.FinalAnnouncement is null ? "no agent available" : $"no agent available ({route.FinalAnnouncement})",
            fixedTargets is null ? LegEndCause.Unavailable : LegEndCause.Busy, null).ConfigureAwait(false);
    }

    private void PublishClassified(CallRoute route) =>
        call.Publish(sequence => new CallClassified(Guid.NewGuid(), call.Id, sequence, call.Now, route.ClientId, route.ClientType, route.RuleName, MenuChoice,
            route.ToTraceJson()));

    /// <summary>Offers the call to <paramref name="target"/>; true when it was answered (or the call ended meanwhile).</summary>
    private async Task<bool> OfferAsync(string target, CancellationToken cancellationToken)
    {
        var answered = await call.NewOffer().OfferAsync(target, call.CallerMedia.Law, call.CallerNumber, call.Offered, call.OfferFailed, cancellationToken)
            .ConfigureAwait(false);
        if (answered is null)
        {
            return cancellationToken.IsCancellationRequested;
        }

        return await call.ConnectAsync(answered).ConfigureAwait(false);
    }

    private async Task DialOutAsync(string number, CancellationToken cancellationToken)
    {
        var failure = "no answer";
        var answered = await call.NewOffer().DialOutAsync(number, call.CallerMedia.Law, call.Offered, (t, why) =>
        {
            failure = why;
            call.OfferFailed(t, why);
        }, cancellationToken).ConfigureAwait(false);
        if (answered is not null)
        {
            if (await call.ConnectAsync(answered).ConfigureAwait(false))
            {
                return;
            }

            failure = "hung up as it answered";
        }

        var status = failure == "busy" ? LegEndCause.Busy : LegEndCause.Unavailable;
        await call.EndAsync(CallEndedBy.System, $"{number}: {failure}", status, null).ConfigureAwait(false);
    }

    private CallRouteRequest RouteRequest() => new(call.Id, call.CallerNumber, callerNumberE164, dialedNumber, MenuChoice, [.. _tried]);

    // A number dialled straight to an extension: an agent's internal call, or a trunk's number (DID) mapped to the extension.
    private CallRoute FixedRoute(IReadOnlyList<string> targets) => call.Did is { } did
        ? new CallRoute("did-extension", targets, [.. targets.Select(t => new RoutingStep(t, $"number {did} of trunk {call.Trunk} goes to this extension"))])
        : new CallRoute("dialled-extension", targets, [.. targets.Select(t => new RoutingStep(t, "dialled by an agent"))]);
}
