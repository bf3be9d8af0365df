using ContactCenter.Sip.Syntax;

namespace ContactCenter.Sip.UserAgents.Tests.Dialogs;

public sealed class SipDialogTests
{
    [Fact]
    public async Task CreateRequest_StrictFirstRoute_RequestUriIsRouteAndTargetGoesLast()
    {
        using var stack = new DialogTestStack();
        var (dialog, _, _, _) = await stack.CallPeerAsync("<sip:192.0.2.50:5110>");

        await stack.Dialogs.SendByeAsync(dialog, CancellationToken.None);

        var sent = stack.Transport.Sent.Single(s => s.Summary == "BYE");
        var bye = (SipRequest)sent.Message;
        Assert.Equal("sip:192.0.2.50:5110", bye.RequestUri.ToString());
        Assert.Equal(["<sip:caller@192.0.2.10:5070>"], bye.Routes.Select(r => r.ToString()));
        Assert.Equal(5110, sent.Destination.EndPoint.Port);
    }

    [Fact]
    public async Task CreateResponse_ReInvite2xx_CarriesOurTagAndContact()
    {
        using var stack = new DialogTestStack();
        var (dialog, invite) = await stack.AnswerPeerInviteAsync();
        var reInvite = DialogTestStack.PeerRequest("INVITE", 11, invite.CallId, dialog.Id.LocalTag, "Contact: " + DialogTestStack.PeerContact);

        var ok = dialog.CreateResponse(reInvite, SipStatusCodes.OK);

        Assert.Equal(dialog.Id.LocalTag, ok.To.Tag);
        Assert.Equal(DialogTestStack.LocalContact.ToString(), Assert.Single(ok.Contacts).ToString());
        Assert.Empty(ok.RecordRoutes);
    }

    [Fact]
    public async Task SendRequestAsync_SecondReInviteWhileFirstPending_Refused()
    {
        using var stack = new DialogTestStack();
        var (dialog, _, _, _) = await stack.CallPeerAsync();
        await stack.Dialogs.SendReInviteAsync(dialog, null, CancellationToken.None);

        await Assert.ThrowsAsync<InvalidOperationException>(() => stack.Dialogs.SendReInviteAsync(dialog, null, CancellationToken.None));

        Assert.Single(stack.Transport.Requests(SipMethod.Invite), r => r.To.Tag is not null);
    }
}
