using ContactCenter.Contracts.Calls;
using ContactCenter.Media.Relay;
using ContactCenter.Sip.Syntax;
using ContactCenter.Sip.Transactions;
using ContactCenter.Sip.UserAgents.Dialogs;

namespace ContactCenter.CallEngine.Calls;

/// <summary>
/// Hold and resume by re-INVITE from either party (RFC 3261 §14.2, RFC 3264 §8.4), for inbound and placed calls:
/// the re-INVITE is answered from that leg's media; a sendonly/inactive offer holds the call (the other party
/// hears music on hold), a sendrecv one resumes it.
/// </summary>
internal sealed class CallHold(CallServices services, IHeldCall call)
{
    /// <summary>Answers a re-INVITE from <paramref name="party"/> and applies the hold state it asks for.</summary>
    public async Task OnReInviteAsync(CallParty party, SipDialog dialog, SipServerTransaction transaction, SipRequest request)
    {
        var media = call.View(party).Own;
        if (await ReInviteAnswer.SendAsync(services, media, dialog, transaction, request).ConfigureAwait(false) is { } hold)
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
