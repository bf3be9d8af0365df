using ContactCenter.Sessions;
using ContactCenter.Sip.Syntax;
using ContactCenter.Sip.Transactions;
using ContactCenter.Sip.Transport;
using ContactCenter.Sip.UserAgents.Dialogs;

namespace ContactCenter.CallEngine.Calls;

/// <summary>
/// One party's dialog as the call sees it: re-INVITEs and UPDATEs (session refresh, hold/resume), transfer requests (the
/// session layer serves the REFER) and the dialog's end go to the call. An attended transfer moves a leg to another call
/// (<see cref="MoveTo"/>).
/// </summary>
internal sealed class CallLeg(Call call, CallParty party) : IDialogRequestHandler, ITransferTaker
{
    private Call _call = call;

    /// <summary>The call this leg belongs to now.</summary>
    public Call Call => Volatile.Read(ref _call);

    /// <summary>From now on the dialog's requests and its end go to <paramref name="owner"/> (the leg keeps its party).</summary>
    public void MoveTo(Call owner) => Volatile.Write(ref _call, owner);

    /// <inheritdoc />
    public async ValueTask<bool> OnRequestAsync(SipDialog dialog, SipServerTransaction transaction, SipInboundMessage request,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var sip = (SipRequest)request.Message;
        if (sip.Method == SipMethod.Invite || sip.Method == SipMethod.Update)
        {
            // Session refresh, hold or resume: answered in the session layer, applied by the call.
            await Call.OnReOfferAsync(party, dialog, transaction, sip).ConfigureAwait(false);
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
            await Call.OnCallerAckAsync((SipRequest)ack.Message).ConfigureAwait(false);
        }
    }

    /// <inheritdoc />
    public ValueTask<bool> OnTransferRequestedAsync(ILegSession leg, LegTransferRequest request) => Call.OnTransferRequestedAsync(party, leg, request);

    /// <inheritdoc />
    public void OnTerminated(SipDialog dialog, DialogTerminationReason reason) => Call.OnLegTerminated(party, dialog, reason);
}
