using ContactCenter.Contracts.Calls;
using ContactCenter.Media.Relay;
using ContactCenter.Sip.Syntax;
using ContactCenter.Sip.Transactions;
using ContactCenter.Sip.UserAgents.Dialogs;
using ContactCenter.Sip.UserAgents.Sessions;

namespace ContactCenter.CallEngine.Calls;

/// <summary>
/// Re-INVITEs and UPDATEs from either party of a call (inbound or placed): each is a session refresh (RFC 4028 §9:
/// answered with Session-Expires, the leg's session timer starts again; 422 when its interval is too small) and
/// may change the media (RFC 3261 §14.2, RFC 3264 §8.4): a sendonly/inactive offer holds the call (the other party
/// hears music on hold), a sendrecv one resumes it.
/// </summary>
internal sealed class CallHold(CallServices services, IHeldCall call)
{
    /// <summary>Answers a re-INVITE from <paramref name="party"/>, refreshes its session and applies the hold state it asks for.</summary>
    public async Task OnReInviteAsync(CallParty party, SipDialog dialog, SipServerTransaction transaction, SipRequest request)
    {
        var view = call.View(party);
        if (await RefusedAsync(dialog, transaction, request).ConfigureAwait(false) is not { } session)
        {
            return;
        }

        var answer = await ReInviteAnswer.SendAsync(services, view.Own, dialog, transaction, request, session.Decorate).ConfigureAwait(false);
        if (answer.Accepted && view.Timer is { } timer && timer.Watches(dialog))
        {
            timer.Restart(session.Terms);
        }

        if (answer.Hold is { } hold)
        {
            await ApplyAsync(party, hold).ConfigureAwait(false);
        }
    }

    /// <summary>An UPDATE (RFC 3311): without a body, a session refresh only; with an offer, answered like a re-INVITE.</summary>
    public async Task OnUpdateAsync(CallParty party, SipDialog dialog, SipServerTransaction transaction, SipRequest request)
    {
        if (!request.Body.IsEmpty)
        {
            await OnReInviteAsync(party, dialog, transaction, request).ConfigureAwait(false);
            return;
        }

        if (await RefusedAsync(dialog, transaction, request).ConfigureAwait(false) is not { } session)
        {
            return;
        }

        await services.Dialogs.SendResponseAsync(dialog, transaction, dialog.CreateResponse(request, SipStatusCodes.OK, session.Decorate), CancellationToken.None)
            .ConfigureAwait(false);
        if (call.View(party).Timer is { } timer && timer.Watches(dialog))
        {
            timer.Restart(session.Terms);
        }
    }

    /// <summary>The request's session timer terms, or null after answering it with 422/400.</summary>
    private async Task<SessionTimerNegotiation?> RefusedAsync(SipDialog dialog, SipServerTransaction transaction, SipRequest request)
    {
        var session = SessionTimerNegotiation.Answer(request, services.SessionTimers, (status, reason, customize) => dialog.CreateResponse(request, status, b =>
        {
            b.SetStatus(status, reason);
            customize?.Invoke(b);
        }));
        if (session.Refusal is not { } refusal)
        {
            return session;
        }

        await services.Dialogs.SendResponseAsync(dialog, transaction, refusal, CancellationToken.None).ConfigureAwait(false);
        return null;
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
