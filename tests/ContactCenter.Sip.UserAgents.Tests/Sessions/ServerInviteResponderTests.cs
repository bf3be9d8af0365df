using System.Text;
using ContactCenter.Sessions;
using ContactCenter.Sip.Syntax;
using ContactCenter.Sip.UserAgents.Dialogs;
using ContactCenter.Sip.UserAgents.Sessions;
using ContactCenter.Sip.UserAgents.Tests.Dialogs;

namespace ContactCenter.Sip.UserAgents.Tests.Sessions;

/// <summary>Our responses to an INVITE we serve: ringing with or without early media, the answer, the end before and after it, a late answer.</summary>
public sealed class ServerInviteResponderTests
{
    [Fact]
    public async Task SendProgressAsync_EarlyMedia_183WithOurSdp_Else180()
    {
        using var stack = new DialogTestStack();
        var (responder, dialog) = await OfferedAsync(stack);

        Assert.False(await responder.SendProgressAsync(dialog, earlyMedia: false));
        Assert.True(await responder.SendProgressAsync(dialog, earlyMedia: true));

        Assert.Single(stack.Transport.Responses(SipStatusCodes.Ringing), r => r.Body.IsEmpty);
        var progress = Assert.Single(stack.Transport.Responses(SipStatusCodes.SessionProgress));
        Assert.Contains("m=audio 5000", Encoding.ASCII.GetString(progress.Body.Span), StringComparison.Ordinal);
    }

    [Fact]
    public async Task EndAsync_NoDialogYet_FinalResponseWithItsOwnTag()
    {
        using var stack = new DialogTestStack();
        var invite = DialogTestStack.PeerRequest("INVITE", 10, "c-" + SipIds.NewTag(), null, "Contact: " + DialogTestStack.PeerContact);
        await stack.DeliverAsync(invite);
        var responder = new ServerInviteResponder(stack.Dialogs, stack.Sessions.Invites[^1].Transaction, new FakeLegMedia(holds: false), _ => { });

        await responder.EndAsync(null, LegEndCause.Busy);

        var busy = Assert.Single(stack.Transport.Responses(SipStatusCodes.BusyHere));
        Assert.NotNull(busy.To.Tag);
    }

    [Fact]
    public async Task EndAsync_Ringing_FinalResponseInTheEarlyDialog()
    {
        using var stack = new DialogTestStack();
        var (responder, dialog) = await OfferedAsync(stack);
        await responder.SendProgressAsync(dialog, earlyMedia: false);

        await responder.EndAsync(dialog, LegEndCause.Cancelled);

        var ended = Assert.Single(stack.Transport.Responses(SipStatusCodes.RequestTerminated));
        Assert.Equal(dialog.Id.LocalTag, ended.To.Tag);
        Assert.Empty(stack.Transport.Requests(SipMethod.Bye));
    }

    [Fact]
    public async Task EndAsync_Answered_Bye()
    {
        using var stack = new DialogTestStack();
        var (responder, dialog) = await OfferedAsync(stack);
        Assert.True(await responder.SendAnswerAsync(dialog, null));

        await responder.EndAsync(dialog, LegEndCause.Unavailable);

        Assert.Single(stack.Transport.Requests(SipMethod.Bye));
        Assert.Empty(stack.Transport.Responses(SipStatusCodes.TemporarilyUnavailable));
    }

    [Fact]
    public async Task AcceptLateAnswer_AckWithoutSdp_False()
    {
        using var stack = new DialogTestStack();
        var (responder, dialog) = await OfferedAsync(stack);

        var ack = DialogTestStack.PeerRequest("ACK", 10, dialog.Id.CallId, dialog.Id.LocalTag);

        Assert.False(responder.AcceptLateAnswer(ack));
    }

    private static async Task<(ServerInviteResponder Responder, SipDialog Dialog)> OfferedAsync(DialogTestStack stack)
    {
        var invite = DialogTestStack.PeerRequest("INVITE", 10, "c-" + SipIds.NewTag(), null, "Contact: " + DialogTestStack.PeerContact);
        await stack.DeliverAsync(invite);
        var transaction = stack.Sessions.Invites[^1].Transaction;
        var dialog = stack.Dialogs.CreateUasDialog(transaction, DialogTestStack.LocalContact);
        return (new ServerInviteResponder(stack.Dialogs, transaction, new FakeLegMedia(holds: false), _ => { }), dialog);
    }
}
