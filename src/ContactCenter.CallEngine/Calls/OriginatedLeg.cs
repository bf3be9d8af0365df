using ContactCenter.Sessions;
using ContactCenter.Sip.Syntax;
using ContactCenter.Sip.Transactions;
using ContactCenter.Sip.Transport;
using ContactCenter.Sip.UserAgents.Dialogs;

namespace ContactCenter.CallEngine.Calls;

/// <summary>One leg of an <see cref="OriginatedCall"/>: re-INVITEs and UPDATEs are answered (session refresh, hold), the dialog's end ends the call, transfers are refused.</summary>
internal sealed class OriginatedLeg(OriginatedCall call, CallParty party) : IDialogRequestHandler, ITransferTaker
{
    /// <inheritdoc />
    public ValueTask<bool> OnTransferRequestedAsync(ILegSession leg, LegTransferRequest request) => ValueTask.FromResult(false);

    /// <inheritdoc />
    public async ValueTask<bool> OnRequestAsync(SipDialog dialog, SipServerTransaction transaction, SipInboundMessage request,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var sip = (SipRequest)request.Message;
        if (sip.Method == SipMethod.Invite || sip.Method == SipMethod.Update)
        {
            await call.OnReOfferAsync(dialog, transaction, sip, party).ConfigureAwait(false);
            return true;
        }

        return false;
    }

    /// <inheritdoc />
    public ValueTask OnAckAsync(SipDialog dialog, SipInboundMessage ack, CancellationToken cancellationToken) => ValueTask.CompletedTask;

    /// <inheritdoc />
    public void OnTerminated(SipDialog dialog, DialogTerminationReason reason) => call.OnLegTerminated(party, reason);
}
