using ContactCenter.Sip.Syntax;
using ContactCenter.Sip.Transactions;
using ContactCenter.Sip.Transport;
using ContactCenter.Sip.UserAgents.Dialogs;

namespace ContactCenter.CallEngine.Calls;

/// <summary>One party's dialog as the call sees it: re-INVITEs (hold/resume) and the dialog's end go to the call.</summary>
internal sealed class CallLeg(Call call, CallParty party) : IDialogRequestHandler
{
    /// <inheritdoc />
    public async ValueTask<bool> OnRequestAsync(SipDialog dialog, SipServerTransaction transaction, SipInboundMessage request,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var sip = (SipRequest)request.Message;
        if (sip.Method == SipMethod.Invite)
        {
            await call.OnReInviteAsync(party, dialog, transaction, sip).ConfigureAwait(false);
            return true;
        }

        if (sip.Method == SipMethod.Refer)
        {
            await call.OnReferAsync(party, dialog, transaction, sip).ConfigureAwait(false);
            return true;
        }

        // BYE: the dialog layer answers 200 and ends the dialog; OnTerminated ends the call. Others: 405.
        return false;
    }

    /// <inheritdoc />
    public async ValueTask OnAckAsync(SipDialog dialog, SipInboundMessage ack, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ack);
        if (party == CallParty.Caller)
        {
            await call.OnCallerAckAsync((SipRequest)ack.Message).ConfigureAwait(false);
        }
    }

    /// <inheritdoc />
    public void OnTerminated(SipDialog dialog, DialogTerminationReason reason) => call.OnLegTerminated(party, dialog, reason);
}
