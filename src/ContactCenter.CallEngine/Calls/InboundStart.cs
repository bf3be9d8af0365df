using ContactCenter.CallEngine.Media;
using ContactCenter.Contracts.Calls;
using ContactCenter.Sessions;

namespace ContactCenter.CallEngine.Calls;

/// <summary>
/// How a call that arrived starts: it is announced (CallReceived), a calling agent's slot is taken, the caller hears it
/// ring (with early media: ringback, a greeting, or the service number's voice menu), and <see cref="CallRouting"/>
/// finds someone to answer. The answer, the end and everything between are the call's (<see cref="Call"/>).
/// </summary>
internal sealed class InboundStart(Call call, CallServices services, ILegSession caller, LegMedia callerMedia)
{
    public async Task RunAsync(CancellationToken ending)
    {
        var routing = new CallRouting(call, call.Announcements, call.CallerNumberE164, call.DialedNumber, call.FixedTargets, call.ExternalNumber);
        call.Routing = routing;
        services.Metrics.Received(call.Direction);
        services.Logger.CallReceived(call.Id, call.Direction, call.CallerNumber, call.DialedNumber, caller.Id);
        call.Publish(sequence => new CallReceived(Guid.NewGuid(), call.Id, sequence, call.Now, call.Direction, call.CallerNumber, call.DialedNumber,
            call.CallerNumberE164)
        {
            Trunk = call.Trunk,
            Did = call.Did,
        });

        if (call.CallerIsAgent)
        {
            // The calling agent is on a call too (the router must not offer them another one meanwhile).
            await call.Loop.InvokeAsync(() =>
            {
                var state = ((ICallContext)call).State;
                if (state.Phase != CallPhase.Ended)
                {
                    services.Agents.TryReserve(call.CallerNumber, limit: 0, talking: true);
                    state.CallerSlot = call.CallerNumber;
                }
            }).ConfigureAwait(false);
        }

        call.ArmGuard();
        await RingAsync(routing, ending).ConfigureAwait(false);
        await routing.RouteAsync(ending).ConfigureAwait(false);
    }

    private async Task RingAsync(CallRouting routing, CancellationToken ending)
    {
        var menu = services.Options.ServiceNumbers.TryGetValue(call.DialedNumber, out var number)
            && string.Equals(number.Mode, "VoiceMenu", StringComparison.OrdinalIgnoreCase) ? number : null;
        if (call.LateOffer)
        {
            // No early media without an agreed stream: 180, then the offer in the 200.
            callerMedia.CreateOffer(callerMedia.Law);
            menu = null;
        }

        // Early media (RFC 3960) only with an agreed stream: a 183 with our answer, else 180.
        var earlyMedia = (services.Calls.EarlyMedia || menu is not null) && !call.LateOffer ? callerMedia.Local : null;
        await caller.RingAsync(earlyMedia, CancellationToken.None).ConfigureAwait(false);
        if (earlyMedia is null)
        {
            return;
        }

        if (menu is not null)
        {
            routing.MenuChoice = await new VoiceMenu(services, callerMedia, call.Id).RunAsync(menu, ending).ConfigureAwait(false);
        }

        if (number?.Greeting is { } greeting && menu is null)
        {
            // Not awaited: routing starts at once, and an agent who answers during the greeting cuts it short.
            call.Observe(call.Announcements.PlayAsync(greeting, null, ending));
            return;
        }

        await call.Announcements.StartRingbackAsync().ConfigureAwait(false);
    }
}
