using ContactCenter.Contracts.Calls;
using ContactCenter.Media.Relay;
using ContactCenter.Sdp;
using ContactCenter.Sessions;

namespace ContactCenter.CallEngine.Calls;

/// <summary>
/// New media offers from either party of a call (inbound or placed), which the session layer turns into leg events (its
/// session refreshes it keeps to itself): the party's media answers the offer, and the call applies what it means
/// (RFC 3264 §8.4): a sendonly/inactive offer holds the call (the other party hears music on hold), a sendrecv one
/// resumes it.
/// </summary>
internal sealed class CallHold(CallServices services, IHeldCall call)
{
    /// <summary>Answers <paramref name="party"/>'s offer with its media and applies the hold state it asks for; null refuses it.</summary>
    public async ValueTask<SdpSession?> OnMediaOfferAsync(CallParty party, ILegSession leg, LegMediaOffer offer)
    {
        ArgumentNullException.ThrowIfNull(offer);
        if (call.View(party, leg).Own is not { } media)
        {
            return null; // not (or no longer) the party's leg: nothing of ours to change
        }

        var answer = media.Answer(offer.Media);
        if (!answer.IsAccepted)
        {
            return null;
        }

        await ApplyAsync(party, leg, answer.Audio!.IsRemoteHold).ConfigureAwait(false);
        return answer.Answer;
    }

    private async Task ApplyAsync(CallParty party, ILegSession leg, bool hold)
    {
        var view = call.View(party, leg);
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
