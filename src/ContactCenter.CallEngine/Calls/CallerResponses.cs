using ContactCenter.CallEngine.Media;
using ContactCenter.Sdp;
using ContactCenter.Sip.Syntax;
using ContactCenter.Sip.Syntax.Building;
using ContactCenter.Sip.Transactions;
using ContactCenter.Sip.UserAgents.Dialogs;
using ContactCenter.Sip.UserAgents.Sessions;

namespace ContactCenter.CallEngine.Calls;

/// <summary>
/// The caller's INVITE from our side as its UAS (RFC 3261 §13.3): the provisional response (180, or 183 with early
/// media), the 200 with our SDP, the final failure or BYE when the call ends, and the ACK's late answer.
/// </summary>
internal sealed class CallerResponses(ICallContext call, SipServerTransaction invite)
{
    private SipRequest Request => invite.Request;

    private CallServices Services => call.Services;

    private LegMedia Media => call.CallerMedia;

    /// <summary>
    /// 180 Ringing, or with <paramref name="earlyMedia"/> a 183 with our answer (RFC 3960 §3: early media in a 183 with
    /// the unreliable answer; the 200 repeats it). A late-offer caller always gets 180: no early media without an
    /// agreed stream (and no 100rel to offer in a 183). Returns whether early media flows.
    /// </summary>
    public async Task<bool> SendProgressAsync(SipDialog dialog, bool earlyMedia)
    {
        if (!earlyMedia || call.LateOffer)
        {
            await Services.Dialogs.SendResponseAsync(dialog, invite, dialog.CreateResponse(Request, SipStatusCodes.Ringing), CancellationToken.None)
                .ConfigureAwait(false);
            return false;
        }

        var progress = dialog.CreateResponse(Request, SipStatusCodes.SessionProgress, b => b.SetBody(SdpWriter.ToBytes(Media.Local!), SessionRequests.SdpContentType));
        await Services.Dialogs.SendResponseAsync(dialog, invite, progress, CancellationToken.None).ConfigureAwait(false);
        return true;
    }

    /// <summary>
    /// Answers the caller with 200 and the SDP it already has (or our offer, after a late offer), with the session
    /// timer agreed at admission (RFC 4028 §9); false when the leg is gone.
    /// </summary>
    public async Task<bool> SendAnswerAsync(SipDialog dialog, SessionTimerNegotiation? session)
    {
        var ok = dialog.CreateResponse(Request, SipStatusCodes.OK, b =>
        {
            session?.Decorate(b);
            b.SetBody(SdpWriter.ToBytes(Media.Local!), SessionRequests.SdpContentType);
        });
        return await Services.Dialogs.SendResponseAsync(dialog, invite, ok, CancellationToken.None).ConfigureAwait(false);
    }

    /// <summary>
    /// Ends the caller's leg: <paramref name="finalStatus"/> while the INVITE is unanswered (with a new to-tag when
    /// no dialog was made), BYE once it is confirmed.
    /// </summary>
    public async Task EndAsync(SipDialog? dialog, int finalStatus)
    {
        if (dialog is null)
        {
            await invite.SendResponseAsync(SipResponseBuilder.ForRequest(Request, finalStatus, toTag: SipIds.NewTag()).Build(), CancellationToken.None)
                .ConfigureAwait(false);
            return;
        }

        if (dialog.State == SipDialogState.Early
            && await Services.Dialogs.SendResponseAsync(dialog, invite, dialog.CreateResponse(Request, finalStatus), CancellationToken.None).ConfigureAwait(false))
        {
            return;
        }

        await call.ByeQuietlyAsync(dialog).ConfigureAwait(false);
    }

    /// <summary>
    /// The ACK for our 2xx: after a late offer it carries the caller's answer (RFC 3261 §13.2.1). False when that
    /// answer is missing or unacceptable (the call then ends with BYE, §13.3.1.4).
    /// </summary>
    public bool AcceptAck(SipRequest ack) =>
        !call.LateOffer || (SessionRequests.TryGetSdp(ack, out var answer, out _) && Media.AcceptAnswer(answer!));
}
