using ContactCenter.CallEngine.Media;
using ContactCenter.Contracts.Calls;
using ContactCenter.Media.Codecs;
using ContactCenter.Sessions;

namespace ContactCenter.CallEngine.Calls;

/// <summary>
/// How a call the service places starts (click-to-call, a queued callback, call lists, dispatch): the agent's softphone
/// rings first (it shows the client's number), the agent hears ringback while the client is dialled through the trunk
/// with the company's caller ID, then the two are bridged and recorded (<see cref="CallConnection"/>). Either side's
/// hang-up ends the other; a media offer from either side holds or resumes, as in a call that arrived.
/// </summary>
internal sealed class PlacedStart(Call call, CallServices services)
{
    private string Agent => call.CallerNumber;

    private string Number => call.DialedNumber;

    public async Task RunAsync(CancellationToken ending)
    {
        var purpose = call.Purpose ?? "click-to-call";
        services.Metrics.Received(CallDirection.Outbound);
        call.Publish(s => new CallReceived(Guid.NewGuid(), call.Id, s, call.Now, CallDirection.Outbound, Agent, Number, Number));
        call.Publish(s => new CallClassified(Guid.NewGuid(), call.Id, s, call.Now, null, null, purpose, null,
            $"{{\"rule\":\"{purpose}\",\"targets\":[\"{Agent}\"],\"steps\":[]}}"));
        await call.Loop.InvokeAsync(() => State.Agent = Agent).ConfigureAwait(false);

        // 1. The agent's phone.
        var agentLeg = await new CallOffer(services, call.Id, new CallLeg(call, CallParty.Caller))
            .OfferAsync(Agent, G711Law.Pcmu, Number, t => call.Publish(s => new CallOffered(Guid.NewGuid(), call.Id, s, call.Now, t)),
                (t, why) => call.Publish(s => new CallOfferFailed(Guid.NewGuid(), call.Id, s, call.Now, t, why)), ending).ConfigureAwait(false);
        if (agentLeg is null)
        {
            await call.EndAsync(CallEndedBy.System, $"agent {Agent} did not answer", LegEndCause.Unavailable, null).ConfigureAwait(false);
            return;
        }

        var tone = await services.Announcements.GetAsync("ringback", agentLeg.Media.Law, CancellationToken.None).ConfigureAwait(false)
            ?? Tones.GetRingback(agentLeg.Media.Law);
        var taken = await call.Loop.InvokeAsync(() =>
        {
            if (State.Phase != CallPhase.Ringing)
            {
                return false; // ended meanwhile (hang-up through the API): the end step ran; this leg is ours to close
            }

            (State.CallerLeg, State.CallerEvents, State.CallerMedia, State.CallerSlot) = (agentLeg.Leg, agentLeg.Events, agentLeg.Media, Agent);
            State.Ringback = services.Relay.CreatePlayer(agentLeg.Media.Endpoint, tone, loop: true);
            State.Ringback.Start();
            return true;
        }).ConfigureAwait(false);
        if (!taken)
        {
            await call.DiscardAsync(agentLeg).ConfigureAwait(false);
            return;
        }

        call.ArmGuard();

        // 2. The client, through the trunk.
        var failure = "no answer";
        var clientLeg = await call.NewOffer().DialOutAsync(Number, agentLeg.Media.Law, _ => { }, (t, why) =>
        {
            failure = why;
            call.Publish(s => new CallOfferFailed(Guid.NewGuid(), call.Id, s, call.Now, t, why));
        }, ending).ConfigureAwait(false);
        if (clientLeg is null)
        {
            await call.EndAsync(CallEndedBy.System, $"{Number}: {failure}", LegEndCause.Unavailable, null).ConfigureAwait(false);
            return;
        }

        // 3. Bridge and record (a client who hung up as it answered ends the call).
        if (!await call.ConnectAsync(clientLeg).ConfigureAwait(false))
        {
            await call.EndAsync(CallEndedBy.System, $"{Number}: hung up as it answered", LegEndCause.Unavailable, null).ConfigureAwait(false);
        }
    }

    private CallState State => ((ICallContext)call).State;
}
