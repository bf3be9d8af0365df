using ContactCenter.CallEngine.Media;
using ContactCenter.Sdp;
using ContactCenter.Sip.Syntax;
using ContactCenter.Sip.Transactions;
using ContactCenter.Sip.UserAgents.Dialogs;

namespace ContactCenter.CallEngine.Calls;

/// <summary>Answers a re-INVITE on one leg (RFC 3264 §8): shared by inbound and placed calls.</summary>
internal static class ReInviteAnswer
{
    /// <summary>
    /// Answers <paramref name="request"/> for <paramref name="media"/>: an offerless re-INVITE gets our current SDP as
    /// the offer, an offer gets our answer (488 when nothing is acceptable). Returns whether the other side now holds
    /// the call (sendonly/inactive), or null when the hold state did not change hands (no offer, or refused).
    /// </summary>
    public static async Task<bool?> SendAsync(CallServices services, LegMedia? media, SipDialog dialog, SipServerTransaction transaction, SipRequest request)
    {
        SdpSession? offer = null;
        var present = false;
        if (media is null || !SipLegRequests.TryGetSdp(request, out offer, out present))
        {
            // An offerless re-INVITE: our current description is the offer; the answer in the ACK changes nothing we relay.
            var local = media?.Local;
            var reply = local is null || present
                ? dialog.CreateResponse(request, SipStatusCodes.NotAcceptableHere)
                : dialog.CreateResponse(request, SipStatusCodes.OK, b => b.SetBody(SdpWriter.ToBytes(local), SipLegRequests.SdpContentType));
            await services.Dialogs.SendResponseAsync(dialog, transaction, reply, CancellationToken.None).ConfigureAwait(false);
            return null;
        }

        var result = media.Answer(offer!);
        if (!result.IsAccepted)
        {
            await services.Dialogs.SendResponseAsync(dialog, transaction, dialog.CreateResponse(request, SipStatusCodes.NotAcceptableHere), CancellationToken.None)
                .ConfigureAwait(false);
            return null;
        }

        var ok = dialog.CreateResponse(request, SipStatusCodes.OK, b => b.SetBody(SdpWriter.ToBytes(result.Answer!), SipLegRequests.SdpContentType));
        await services.Dialogs.SendResponseAsync(dialog, transaction, ok, CancellationToken.None).ConfigureAwait(false);
        return result.Audio!.IsRemoteHold;
    }
}
