using ContactCenter.Contracts.Calls;
using ContactCenter.Media.Relay;
using ContactCenter.Sip.Syntax;
using ContactCenter.Sip.Transactions;
using ContactCenter.Sip.UserAgents.Dialogs;
using ContactCenter.Sip.UserAgents.Sessions;

namespace ContactCenter.CallEngine.Calls;

/// <summary>
/// Re-INVITEs and UPDATEs from either party of a call (inbound or placed). The session layer answers them
/// (<see cref="ReOffers"/>: the session refresh of RFC 4028, the new offer answered by the party's media); the call
/// applies what they mean (RFC 3264 §8.4): a sendonly/inactive offer holds the call (the other party hears music on
/// hold), a sendrecv one resumes it.
/// </summary>
internal sealed class CallHold(CallServices services, IHeldCall call)
{
    /// <summary>Has the session layer answer a re-INVITE or UPDATE from <paramref name="party"/>, then applies the hold state it asks for.</summary>
    public async Task OnReOfferAsync(CallParty party, SipDialog dialog, SipServerTransaction transaction, SipRequest request)
    {
        var view = call.View(party);
        var result = await ReOffers.AnswerAsync(services.Dialogs, dialog, transaction, request, services.SessionTimers, view.Timer, view.Own)
            .ConfigureAwait(false);
        if (result.PeerHolds is { } hold)
        {
            await ApplyAsync(party, hold).ConfigureAwait(false);
        }
    }

    private async Task ApplyAsync(CallParty party, bool hold)
    {
        var view = call.View(party);
        var side = party == CallParty.Caller ? MediaLegSide.A : MediaLegSide.B;
        if (view.Bridge is not { } bridge || view.Other is not { } other || bridge.IsOnHold(side) == hold)
        {
            return;
        }

        var now = services.Time.GetUtcNow();
        if (hold)
        {
            var music = await services.Announcements.GetAsync("music-on-hold", other.Law, CancellationToken.None).ConfigureAwait(false);
            bridge.Hold(side, music);
            call.Publish(sequence => new CallHeld(Guid.NewGuid(), call.Id, sequence, now, view.Who));
        }
        else
        {
            bridge.Resume(side);
            call.Publish(sequence => new CallResumed(Guid.NewGuid(), call.Id, sequence, now, view.Who));
        }

        services.Logger.HoldChanged(call.Id, view.Who, hold ? "held the call" : "resumed the call");
    }
}
