using ContactCenter.Sdp;
using ContactCenter.Sdp.OfferAnswer;
using ContactCenter.Sip.Syntax;
using ContactCenter.Sip.Syntax.Building;
using ContactCenter.Sip.Transactions;
using ContactCenter.Sip.UserAgents.Dialogs;

namespace ContactCenter.Sip.UserAgents.Sessions;

/// <summary>
/// A peer's re-INVITE or UPDATE in an established leg, answered in the session layer: its session timer (RFC 4028 §9:
/// 422 with our Min-SE, 400 for bad headers), its offer (RFC 3264 §8, RFC 3311) answered by the engine (told whether the
/// offer holds the call, RFC 3264 §8.4), 488 when it refuses it, 200 with its answer and the agreed timer otherwise; an
/// accepted refresh restarts the leg's session timer.
/// </summary>
public static class ReOffers
{
    /// <summary>Answers <paramref name="request"/> (a re-INVITE, or an UPDATE with or without an offer) in <paramref name="dialog"/>.</summary>
    /// <param name="dialogs">Sends the response.</param>
    /// <param name="dialog">The leg's dialog.</param>
    /// <param name="transaction">The request's server transaction.</param>
    /// <param name="request">The re-INVITE or UPDATE.</param>
    /// <param name="policy">Our session timer policy.</param>
    /// <param name="timer">The leg's session timer, restarted when the request refreshed it; null before the answer.</param>
    /// <param name="local">Our current description (sent again for an offerless re-INVITE), or null before the leg has one.</param>
    /// <param name="answer">
    /// Answers the peer's offer (true when it holds the call) with our description, or null to refuse it (488); null
    /// when the leg takes no offers.
    /// </param>
    public static async Task<ReOfferResult> AnswerAsync(DialogManager dialogs, SipDialog dialog, SipServerTransaction transaction, SipRequest request,
        SessionTimerPolicy policy, LegSessionTimer? timer, SdpSession? local, Func<SdpSession, bool, ValueTask<SdpSession?>>? answer)
    {
        ArgumentNullException.ThrowIfNull(dialogs);
        ArgumentNullException.ThrowIfNull(dialog);
        ArgumentNullException.ThrowIfNull(request);
        var session = SessionTimerNegotiation.Answer(request, policy, (status, reason, customize) => dialog.CreateResponse(request, status, b =>
        {
            b.SetStatus(status, reason);
            customize?.Invoke(b);
        }));
        if (session.Refusal is { } refusal)
        {
            await dialogs.SendResponseAsync(dialog, transaction, refusal, CancellationToken.None).ConfigureAwait(false);
            return new ReOfferResult(false, null);
        }

        ReOfferResult result;
        if (request.Method == SipMethod.Update && request.Body.IsEmpty)
        {
            // RFC 4028 §7.4: an UPDATE without a body only refreshes the session.
            await dialogs.SendResponseAsync(dialog, transaction, dialog.CreateResponse(request, SipStatusCodes.OK, session.Decorate), CancellationToken.None)
                .ConfigureAwait(false);
            result = new ReOfferResult(true, null);
        }
        else
        {
            result = await AnswerOfferAsync(dialogs, dialog, transaction, request, session.Decorate, local, answer).ConfigureAwait(false);
        }

        if (result.Accepted && timer is not null && timer.Watches(dialog))
        {
            timer.Restart(session.Terms);
        }

        return result;
    }

    private static async Task<ReOfferResult> AnswerOfferAsync(DialogManager dialogs, SipDialog dialog, SipServerTransaction transaction, SipRequest request,
        Action<SipResponseBuilder> decorate, SdpSession? local, Func<SdpSession, bool, ValueTask<SdpSession?>>? answerOffer)
    {
        SdpSession? offer = null;
        var present = false;
        if (answerOffer is null || !SessionRequests.TryGetSdp(request, out offer, out present))
        {
            // An offerless re-INVITE: our current description is the offer; the answer in the ACK changes nothing we relay.
            var accepted = local is not null && !present;
            var reply = !accepted
                ? dialog.CreateResponse(request, SipStatusCodes.NotAcceptableHere)
                : dialog.CreateResponse(request, SipStatusCodes.OK, b =>
                {
                    decorate(b);
                    b.SetBody(SdpWriter.ToBytes(local!), SessionRequests.SdpContentType);
                });
            await dialogs.SendResponseAsync(dialog, transaction, reply, CancellationToken.None).ConfigureAwait(false);
            return new ReOfferResult(accepted, null);
        }

        var holds = offer!.Media.FirstOrDefault(m => m.MediaType == "audio" && !m.IsRejected) is { } audio && SdpOfferAnswer.IsHold(offer, audio);
        var answer = await answerOffer(offer, holds).ConfigureAwait(false);
        if (answer is null)
        {
            await dialogs.SendResponseAsync(dialog, transaction, dialog.CreateResponse(request, SipStatusCodes.NotAcceptableHere), CancellationToken.None)
                .ConfigureAwait(false);
            return new ReOfferResult(false, null);
        }

        var ok = dialog.CreateResponse(request, SipStatusCodes.OK, b =>
        {
            decorate(b);
            b.SetBody(SdpWriter.ToBytes(answer), SessionRequests.SdpContentType);
        });
        await dialogs.SendResponseAsync(dialog, transaction, ok, CancellationToken.None).ConfigureAwait(false);
        return new ReOfferResult(true, holds);
    }
}
