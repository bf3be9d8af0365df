using ContactCenter.Sip.Syntax;
using ContactCenter.Sip.Transactions;
using ContactCenter.Sip.Transport;
using ContactCenter.Sip.UserAgents.Dialogs;

namespace ContactCenter.Sip.UserAgents.Tests.Dialogs;

/// <summary>A session-layer leg: records what the dialog layer hands it; answers re-INVITEs 200 when told to.</summary>
internal sealed class RecordingDialogHandler(DialogManager dialogs) : IDialogRequestHandler
{
    public List<SipRequest> Requests { get; } = [];

    public List<SipRequest> Acks { get; } = [];

    public List<DialogTerminationReason> Ended { get; } = [];

    public bool AcceptReInvites { get; set; }

    public async ValueTask<bool> OnRequestAsync(SipDialog dialog, SipServerTransaction transaction, SipInboundMessage request,
        CancellationToken cancellationToken)
    {
        var sip = (SipRequest)request.Message;
        Requests.Add(sip);
        if (AcceptReInvites && sip.Method == SipMethod.Invite)
        {
            await dialogs.SendResponseAsync(dialog, transaction, dialog.CreateResponse(sip, SipStatusCodes.OK), cancellationToken);
            return true;
        }

        return false;
    }

    public ValueTask OnAckAsync(SipDialog dialog, SipInboundMessage ack, CancellationToken cancellationToken)
    {
        Acks.Add((SipRequest)ack.Message);
        return ValueTask.CompletedTask;
    }

    public void OnTerminated(SipDialog dialog, DialogTerminationReason reason) => Ended.Add(reason);
}
