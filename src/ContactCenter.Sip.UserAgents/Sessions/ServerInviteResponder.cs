using ContactCenter.Sessions;
using ContactCenter.Sip.Syntax;
using ContactCenter.Sip.Syntax.Building;
using ContactCenter.Sip.Transactions;
using ContactCenter.Sip.UserAgents.Dialogs;

namespace ContactCenter.Sip.UserAgents.Sessions;

/// <summary>
/// An INVITE we serve, from our side as its UAS (RFC 3261 §13.3): the provisional response (180, or 183 with early
/// media), the 200 with the leg's SDP, the final failure or BYE when the call ends, and the ACK's late answer. The call
/// decides what to say; this says it in SIP.
/// </summary>
/// <param name="dialogs">Sends the responses within the dialog.</param>
/// <param name="invite">The INVITE's server transaction.</param>
/// <param name="media">The leg's media: its SDP goes in the 183 and the 200, and it reads the ACK's answer.</param>
/// <param name="byeFailed">Told of a BYE that could not be sent (the leg ends anyway).</param>
public sealed class ServerInviteResponder(DialogManager dialogs, SipServerTransaction invite, ILegMedia media, Action<Exception> byeFailed)
{
    private SipRequest Request => invite.Request;

    /// <summary>
    /// 180 Ringing, or with <paramref name="earlyMedia"/> a 183 with our answer (RFC 3960 §3: early media in a 183 with
    /// the unreliable answer; the 200 repeats it). The call asks for early media only with an agreed stream (never after
    /// a late offer). Returns whether early media flows.
    /// </summary>
    public async Task<bool> SendProgressAsync(SipDialog dialog, bool earlyMedia)
    {
        ArgumentNullException.ThrowIfNull(dialog);
        if (!earlyMedia || media.Local is not { } local)
        {
            await dialogs.SendResponseAsync(dialog, invite, dialog.CreateResponse(Request, SipStatusCodes.Ringing), CancellationToken.None)
                .ConfigureAwait(false);
            return false;
        }

        var progress = dialog.CreateResponse(Request, SipStatusCodes.SessionProgress, b => b.SetBody(Sdp.SdpWriter.ToBytes(local), SessionRequests.SdpContentType));
        await dialogs.SendResponseAsync(dialog, invite, progress, CancellationToken.None).ConfigureAwait(false);
        return true;
    }

    /// <summary>
    /// Answers with 200 and the SDP the leg already has (or our offer, after a late offer), with the session timer
    /// agreed at admission (RFC 4028 §9); false when the leg is gone.
    /// </summary>
    public async Task<bool> SendAnswerAsync(SipDialog dialog, SessionTimerNegotiation? session)
    {
        ArgumentNullException.ThrowIfNull(dialog);
        var ok = dialog.CreateResponse(Request, SipStatusCodes.OK, b =>
        {
            session?.Decorate(b);
            b.SetBody(Sdp.SdpWriter.ToBytes(media.Local!), SessionRequests.SdpContentType);
        });
        return await dialogs.SendResponseAsync(dialog, invite, ok, CancellationToken.None).ConfigureAwait(false);
    }

    /// <summary>
    /// Ends the leg: the final response for <paramref name="cause"/> while the INVITE is unanswered (with a new to-tag
    /// when no dialog was made), BYE once it is confirmed.
    /// </summary>
    public async Task EndAsync(SipDialog? dialog, LegEndCause cause)
    {
        var finalStatus = LegEndCauses.ToStatusCode(cause);
        if (dialog is null)
        {
            await invite.SendResponseAsync(SipResponseBuilder.ForRequest(Request, finalStatus, toTag: SipIds.NewTag()).Build(), CancellationToken.None)
                .ConfigureAwait(false);
            return;
        }

        if (dialog.State == SipDialogState.Early
            && await dialogs.SendResponseAsync(dialog, invite, dialog.CreateResponse(Request, finalStatus), CancellationToken.None).ConfigureAwait(false))
        {
            return;
        }

        await SessionRequests.ByeQuietlyAsync(dialogs, dialog, byeFailed).ConfigureAwait(false);
    }

    /// <summary>
    /// The ACK for our 2xx after a late offer: it carries the peer's answer (RFC 3261 §13.2.1). False when that answer
    /// is missing or unacceptable (the call then ends with BYE, §13.3.1.4).
    /// </summary>
    public bool AcceptLateAnswer(SipRequest ack) => SessionRequests.TryGetSdp(ack, out var answer, out _) && media.AcceptAnswer(answer!);
}
