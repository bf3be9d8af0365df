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

        await ApplyAsync(party, answer.Audio!.IsRemoteHold, view.Who).ConfigureAwait(false);
        return answer.Answer;
    }

    /// <summary>
    /// After the bridge is made: a party that held before it (an agent holding while the client's phone rang, a caller
    /// holding in the queue) is held on it now, as its phone believes, and the hold is published.
    /// </summary>
    public async Task ApplyEarlierHoldsAsync()
    {
        await ApplyEarlierHoldAsync(CallParty.Caller).ConfigureAwait(false);
        await ApplyEarlierHoldAsync(CallParty.Callee).ConfigureAwait(false);
    }

    private async Task ApplyEarlierHoldAsync(CallParty party)
    {
        var view = await call.Loop.InvokeAsync(() => call.View(party)).ConfigureAwait(false);
        if (view.Own is { IsRemoteHold: true })
        {
            await ApplyAsync(party, hold: true, view.Who).ConfigureAwait(false);
        }
    }

    // The bridge is read in the steps, not from the view: an offer answered as the bridge was being made is applied by
    // whichever of this and ApplyEarlierHoldsAsync runs its step last.
    private async Task ApplyAsync(CallParty party, bool hold, string who)
    {
        var side = party == CallParty.Caller ? MediaLegSide.A : MediaLegSide.B;
        var other = await call.Loop.InvokeAsync(() => Changes(side, hold) ? call.View(party).Other : null).ConfigureAwait(false);
        if (other is null)
        {
            return; // no bridge yet (applied when it is made), the call is over, or nothing changes
        }

        var now = services.Time.GetUtcNow();
        var music = hold ? await services.Announcements.GetAsync("music-on-hold", other.Law, CancellationToken.None).ConfigureAwait(false) : null;
        var applied = await call.Loop.InvokeAsync(() =>
        {
            if (!Changes(side, hold) || ((ICallContext)call).State.Bridge is not { } bridge)
            {
                return false; // the call ended (or another step applied it) meanwhile
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
            call.Publish(sequence => new CallHeld(Guid.NewGuid(), call.Id, sequence, now, who));
        }
        else
        {
            call.Publish(sequence => new CallResumed(Guid.NewGuid(), call.Id, sequence, now, who));
        }

        services.Logger.HoldChanged(call.Id, who, hold ? "held the call" : "resumed the call");
    }

    // On the loop.
    private bool Changes(MediaLegSide side, bool hold) =>
        ((ICallContext)call).State is { Phase: not CallPhase.Ended, Bridge: { } bridge } && bridge.IsOnHold(side) != hold;
}
