using ContactCenter.Contracts.Calls;
using ContactCenter.Media.Relay;
using ContactCenter.Sdp;
using ContactCenter.Sessions;

namespace ContactCenter.CallEngine.Calls;

/// <summary>
/// New media offers from either party of a call (inbound or placed), which the session layer turns into leg events (its
/// session refreshes it keeps to itself): the party's media answers the offer, and the call applies what it means
/// (RFC 3264 §8.4): a sendonly/inactive offer holds the call (the other party hears music on hold), a sendrecv one
/// resumes it. What it reads and changes of the call it does in steps on the call's loop; an offer after the end is refused.
/// </summary>
internal sealed class CallHold(CallServices services, Call call)
{
    /// <summary>Answers <paramref name="party"/>'s offer with its media and applies the hold state it asks for; null refuses it.</summary>
    public async ValueTask<SdpSession?> OnMediaOfferAsync(CallParty party, ILegSession leg, LegMediaOffer offer)
    {
        ArgumentNullException.ThrowIfNull(offer);
        var view = await call.Loop.InvokeAsync(() => call.View(party, leg)).ConfigureAwait(false);
        if (view.Own is not { } media)
        {
            return null; // not (or no longer) the party's leg, or the call is over: nothing of ours to change
        }

        var answer = media.Answer(offer.Media);
        if (!answer.IsAccepted)
        {
            return null;
        }

        await ApplyAsync(party, view, answer.Audio!.IsRemoteHold).ConfigureAwait(false);
        return answer.Answer;
    }

    private async Task ApplyAsync(CallParty party, HoldView view, bool hold)
    {
        var side = party == CallParty.Caller ? MediaLegSide.A : MediaLegSide.B;
        if (view.Bridge is not { } bridge || view.Other is not { } other || bridge.IsOnHold(side) == hold)
        {
            return;
        }

        var now = services.Time.GetUtcNow();
        var music = hold ? await services.Announcements.GetAsync("music-on-hold", other.Law, CancellationToken.None).ConfigureAwait(false) : null;
        var applied = await call.Loop.InvokeAsync(() =>
        {
            if (((ICallContext)call).State.Bridge != bridge)
            {
                return false; // the call ended (or its bridge went) meanwhile
            }

            if (hold)
            {
                bridge.Hold(side, music);
            }
            else
            {
                bridge.Resume(side);
            }

            ((ICallContext)call).State.Held = bridge.IsOnHold(MediaLegSide.A) || bridge.IsOnHold(MediaLegSide.B);
            return true;
        }).ConfigureAwait(false);
        if (!applied)
        {
            return;
        }

        if (hold)
        {
            call.Publish(sequence => new CallHeld(Guid.NewGuid(), call.Id, sequence, now, view.Who));
        }
        else
        {
            call.Publish(sequence => new CallResumed(Guid.NewGuid(), call.Id, sequence, now, view.Who));
        }

        services.Logger.HoldChanged(call.Id, view.Who, hold ? "held the call" : "resumed the call");
    }
}
