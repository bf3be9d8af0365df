using ContactCenter.CallEngine.Media;
using ContactCenter.Contracts.Calls;
using ContactCenter.Media.Audio;
using ContactCenter.Media.Codecs;
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

        // Answered, and the phone's wish recorded, in the step that finds the media the party's: a leg handed to another
        // call (an attended transfer) right after cannot take an answered offer without its wish.
        var answered = await call.Loop.InvokeAsync(() =>
        {
            var view = call.View(party, leg);
            if (view.Own is not { } media)
            {
                return null; // not (or no longer) the party's leg, or the call is over: nothing of ours to change
            }

            var answer = media.Answer(offer.Media);
            if (!answer.IsAccepted)
            {
                return null;
            }

            media.PeerHolds = answer.Audio!.IsRemoteHold;
            return new Answered(media, answer.Answer!, media.PeerHolds, view.Who);
        }).ConfigureAwait(false);
        if (answered is null)
        {
            return null;
        }

        await ApplyAsync(party, answered.Media, answered.Hold, answered.Who).ConfigureAwait(false);
        return answered.Answer;
    }

    /// <summary>
    /// After the bridge is made: a party whose phone held before it (a placed call's agent holding while the client's
    /// phone rang) is held on it now, as its phone believes, and the hold is published.
    /// </summary>
    public async Task ApplyEarlierHoldsAsync()
    {
        await ApplyEarlierHoldAsync(CallParty.Caller).ConfigureAwait(false);
        await ApplyEarlierHoldAsync(CallParty.Callee).ConfigureAwait(false);
    }

    private async Task ApplyEarlierHoldAsync(CallParty party)
    {
        var view = await call.Loop.InvokeAsync(() => call.View(party)).ConfigureAwait(false);
        if (view.Own is { PeerHolds: true } media)
        {
            await ApplyAsync(party, media, hold: true, view.Who).ConfigureAwait(false);
        }
    }

    // What the party's phone asked for last is kept on its media (written and read only in steps on the call's loop), and
    // both steps here read it and the bridge afresh: an offer answered as the bridge was made is applied by whichever of
    // the offer's and the connect's steps runs last, and a hold whose music was being fetched while the phone resumed is
    // not applied.
    private async Task ApplyAsync(CallParty party, LegMedia media, bool hold, string who)
    {
        var side = SideOf(party);
        var other = await call.Loop.InvokeAsync(() =>
        {
            var view = call.View(party);
            return Changes(party, media, hold) ? view.Other : null;
        }).ConfigureAwait(false);
        if (other is null)
        {
            return; // the party has another leg now, the call is over, no bridge yet (applied when it is made), or nothing changes
        }

        var now = services.Time.GetUtcNow();
        var music = hold ? await MusicAsync(services, other.Law).ConfigureAwait(false) : null;
        await call.Loop.InvokeAsync(() =>
        {
            if (!Changes(party, media, hold) || ((ICallContext)call).State.Bridge is not { } bridge)
            {
                return; // the party has another leg now (a transfer), the call ended, the phone changed its mind, or another step applied it
            }

            if (hold)
            {
                bridge.Hold(side, music);
            }
            else
            {
                bridge.Resume(side);
            }

            MarkHeld(((ICallContext)call).State, bridge);

            // Published in the step that applied it, so the call's timeline has its holds in the order they happened.
            Published(call, hold, who, now);
        }).ConfigureAwait(false);
    }

    /// <summary>The music a held party's other side hears, in its law (null: none configured).</summary>
    internal static ValueTask<G711Frames?> MusicAsync(CallServices services, G711Law law) =>
        services.Announcements.GetAsync("music-on-hold", law, CancellationToken.None);

    /// <summary>
    /// On the loop: the call is held while either side of its bridge is - the callee's side, while a blind transfer puts
    /// ringback there, as it was when the transfer began; returns that.
    /// </summary>
    internal static bool MarkHeld(CallState state, MediaBridge bridge) =>
        state.Held = bridge.IsOnHold(MediaLegSide.A) || (state.RingbackOverHold ?? bridge.IsOnHold(MediaLegSide.B));

    /// <summary>Tells the CRM and the log that <paramref name="who"/> held or resumed the call at <paramref name="at"/>.</summary>
    internal static void Published(ICallContext call, bool hold, string who, DateTimeOffset at)
    {
        if (hold)
        {
            call.Publish(sequence => new CallHeld(Guid.NewGuid(), call.Id, sequence, at, who));
        }
        else
        {
            call.Publish(sequence => new CallResumed(Guid.NewGuid(), call.Id, sequence, at, who));
        }

        call.Services.Logger.HoldChanged(call.Id, who, hold ? "held the call" : "resumed the call");
    }

    // On the loop: the media is still the party's (not moved by a transfer), the call lives and is bridged, the phone
    // still asks for this, and the bridge is not so yet. While a transfer runs, the callee's side is the transfer's
    // (ringback; the phone's wish is applied when the transfer ends).
    private bool Changes(CallParty party, LegMedia media, bool hold)
    {
        var side = SideOf(party);
        return media.PeerHolds == hold && ReferenceEquals(call.View(party).Own, media)
            && ((ICallContext)call).State is { Phase: not CallPhase.Ended, Bridge: { } bridge } state
            && !(side == MediaLegSide.B && state.Transferring) && bridge.IsOnHold(side) != hold;
    }

    private static MediaLegSide SideOf(CallParty party) => party == CallParty.Caller ? MediaLegSide.A : MediaLegSide.B;

    private sealed record Answered(LegMedia Media, SdpSession Answer, bool Hold, string Who);
}
