using ContactCenter.CallEngine.Media;
using ContactCenter.Sdp;
using ContactCenter.Sip.Syntax;
using ContactCenter.Sip.Syntax.Building;
using ContactCenter.Sip.Transactions;
using ContactCenter.Sip.UserAgents.Dialogs;
using ContactCenter.Sip.UserAgents.Sessions;

namespace ContactCenter.CallEngine.Calls;

/// <summary>What answering a re-INVITE (or UPDATE) came to: whether it got a 2xx, and the hold state it asked for.</summary>
/// <param name="Accepted">True when a 2xx was sent.</param>
/// <param name="Hold">Whether the other side now holds the call (sendonly/inactive), or null when that did not change hands.</param>
internal readonly record struct ReInviteResult(bool Accepted, bool? Hold);

/// <summary>Answers a re-INVITE or an UPDATE with an offer on one leg (RFC 3264 §8, RFC 3311): shared by inbound and placed calls.</summary>
internal static class ReInviteAnswer
{
    /// <summary>
    /// Answers <paramref name="request"/> for <paramref name="media"/>: an offerless re-INVITE gets our current SDP as
    /// the offer, an offer gets our answer (488 when nothing is acceptable); <paramref name="decorate"/> adds to the 2xx.
    /// </summary>
    public static async Task<ReInviteResult> SendAsync(CallServices services, LegMedia? media, SipDialog dialog, SipServerTransaction transaction,
        SipRequest request, Action<SipResponseBuilder>? decorate)
    {
        SdpSession? offer = null;
        var present = false;
        if (media is null || !SessionRequests.TryGetSdp(request, out offer, out present))
        {
            // An offerless re-INVITE: our current description is the offer; the answer in the ACK changes nothing we relay.
            var local = media?.Local;
            var accepted = local is not null && !present;
            var reply = !accepted
                ? dialog.CreateResponse(request, SipStatusCodes.NotAcceptableHere)
                : dialog.CreateResponse(request, SipStatusCodes.OK, b =>
                {
                    decorate?.Invoke(b);
                    b.SetBody(SdpWriter.ToBytes(local!), SessionRequests.SdpContentType);
                });
            await services.Dialogs.SendResponseAsync(dialog, transaction, reply, CancellationToken.None).ConfigureAwait(false);
            return new ReInviteResult(accepted, null);
        }

        var result = media.Answer(offer!);
        if (!result.IsAccepted)
        {
            await services.Dialogs.SendResponseAsync(dialog, transaction, dialog.CreateResponse(request, SipStatusCodes.NotAcceptableHere), CancellationToken.None)
                .ConfigureAwait(false);
            return new ReInviteResult(false, null);
        }

        var ok = dialog.CreateResponse(request, SipStatusCodes.OK, b =>
        {
            decorate?.Invoke(b);
            b.SetBody(SdpWriter.ToBytes(result.Answer!), SessionRequests.SdpContentType);
        });
        await services.Dialogs.SendResponseAsync(dialog, transaction, ok, CancellationToken.None).ConfigureAwait(false);
        return new ReInviteResult(true, result.Audio!.IsRemoteHold);
    }
}
