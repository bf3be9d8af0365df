using ContactCenter.Sip.Syntax;
using ContactCenter.Sip.Transactions;
using ContactCenter.Sip.UserAgents.Dialogs;

namespace ContactCenter.Sip.UserAgents.Tests.Dialogs;

public sealed class DialogManagerTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task OnInviteResponse_180Then200WithRecordRoute_ByeCarriesReversedRoutes()
    {
        using var stack = new DialogTestStack();
        var invite = DialogTestStack.OurInvite();
        var transaction = await stack.Layer.SendInviteAsync(invite, DialogTestStack.Peer, None);
        string[] recordRoutes = ["<sip:proxy2.example;lr>", "<sip:192.0.2.20:5080;lr>"];
        var ringing = DialogTestStack.PeerResponse(invite, SipStatusCodes.Ringing, DialogTestStack.PeerContact, recordRoutes);
        var ok = DialogTestStack.PeerResponse(invite, SipStatusCodes.OK, DialogTestStack.PeerContact, recordRoutes);

        var early = stack.Dialogs.OnInviteResponse(transaction, ringing);
        var earlyState = early?.State;
        var confirmed = stack.Dialogs.OnInviteResponse(transaction, ok);
        await stack.Dialogs.SendByeAsync(confirmed!, None);

        Assert.Equal(SipDialogState.Early, earlyState);
        Assert.Same(early, confirmed);
        var bye = Assert.Single(stack.Transport.Requests(SipMethod.Bye));
        Assert.Equal(["<sip:192.0.2.20:5080;lr>", "<sip:proxy2.example;lr>"], bye.Routes.Select(r => r.ToString()));
        Assert.Equal("sip:caller@192.0.2.10:5070", bye.RequestUri.ToString());
        Assert.Equal(5080, stack.Transport.Sent.Single(s => s.Message == bye).Destination.EndPoint.Port);
        Assert.Equal(invite.From.Tag, bye.From.Tag);
        Assert.Equal(DialogTestStack.PeerTag, bye.To.Tag);
        Assert.Equal(invite.CallId, bye.CallId);
        Assert.Equal(new Syntax.Headers.SipCSeq(42, SipMethod.Bye), bye.CSeq);
        Assert.Equal(70, bye.MaxForwards);
        Assert.NotEqual(invite.TopVia.Branch, bye.TopVia.Branch);
        Assert.True(bye.TopVia.HasRfc3261Branch);
        Assert.Empty(bye.Contacts);
    }

    [Fact]
    public async Task CreateUasDialog_InviteWithRecordRoute_ResponseCopiesItAndByeRoutesInOrder()
    {
        using var stack = new DialogTestStack();

        var (dialog, _) = await stack.AnswerPeerInviteAsync(null, "Record-Route: <sip:192.0.2.30:5090;lr>, <sip:proxy9.example;lr>");
        await stack.Dialogs.SendByeAsync(dialog, None);

        var ok = Assert.Single(stack.Transport.Responses(SipStatusCodes.OK));
        Assert.Equal(["<sip:192.0.2.30:5090;lr>", "<sip:proxy9.example;lr>"], ok.RecordRoutes.Select(r => r.ToString()));
        Assert.Equal(dialog.Id.LocalTag, ok.To.Tag);
        Assert.Equal(DialogTestStack.LocalContact.ToString(), Assert.Single(ok.Contacts).ToString());
        var bye = Assert.Single(stack.Transport.Requests(SipMethod.Bye));
        Assert.Equal(["<sip:192.0.2.30:5090;lr>", "<sip:proxy9.example;lr>"], bye.Routes.Select(r => r.ToString()));
        Assert.Equal("sip:caller@192.0.2.10:5070", bye.RequestUri.ToString());
        Assert.Equal(5090, stack.Transport.Sent.Single(s => s.Message == bye).Destination.EndPoint.Port);
        Assert.Equal(DialogTestStack.PeerTag, bye.To.Tag);
        Assert.Equal(dialog.Id.LocalTag, bye.From.Tag);
    }

    [Fact]
    public async Task SendRequestAsync_TwoRequests_CSeqIncreasesByOneFromARandomStart()
    {
        using var stack = new DialogTestStack();
        var (dialog, _) = await stack.AnswerPeerInviteAsync();

        await stack.Dialogs.SendRequestAsync(dialog, SipMethod.Info, null, None);
        await stack.Dialogs.SendRequestAsync(dialog, SipMethod.Info, null, None);

        var infos = stack.Transport.Requests(SipMethod.Info);
        Assert.Equal(2, infos.Count);
        Assert.Equal(infos[0].CSeq.Number + 1, infos[1].CSeq.Number);
        Assert.InRange(infos[0].CSeq.Number, 1u, (uint)int.MaxValue);
    }

    [Theory]
    [InlineData(10u)]
    [InlineData(9u)]
    public async Task HandleRequestAsync_CSeqNotAboveLast_Answered500(uint cseq)
    {
        using var stack = new DialogTestStack();
        var (dialog, invite) = await stack.AnswerPeerInviteAsync();

        await stack.DeliverAsync(DialogTestStack.PeerRequest("INFO", cseq, invite.CallId, dialog.Id.LocalTag));

        var answer = Assert.Single(stack.Transport.Responses(SipStatusCodes.ServerInternalError));
        Assert.Equal(new Syntax.Headers.SipCSeq(cseq, SipMethod.Info), answer.CSeq);
        Assert.Equal(SipDialogState.Confirmed, dialog.State);
    }

    [Fact]
    public async Task HandleRequestAsync_ByeOnKnownDialogWithoutHandler_Answered200AndDialogEnds()
    {
        using var stack = new DialogTestStack();
        var (dialog, invite) = await stack.AnswerPeerInviteAsync();
        await stack.DeliverAsync(DialogTestStack.PeerAck(dialog, invite));

        await stack.DeliverAsync(DialogTestStack.PeerRequest("BYE", 11, invite.CallId, dialog.Id.LocalTag));
        await stack.DeliverAsync(DialogTestStack.PeerRequest("BYE", 12, invite.CallId, dialog.Id.LocalTag));

        Assert.Equal(["200", "200", "481"], stack.Transport.Sent.Select(s => s.Summary));
        Assert.Equal(DialogTerminationReason.RemoteBye, await dialog.Terminated);
        Assert.Equal(0, stack.Dialogs.Count);
    }

    [Fact]
    public async Task HandleRequestAsync_ByeWithHandler_HandlerToldOfEnd()
    {
        using var stack = new DialogTestStack();
        var handler = new RecordingDialogHandler(stack.Dialogs);
        var (dialog, invite) = await stack.AnswerPeerInviteAsync(handler);

        await stack.DeliverAsync(DialogTestStack.PeerRequest("BYE", 11, invite.CallId, dialog.Id.LocalTag));

        Assert.Equal(["BYE"], handler.Requests.Select(r => r.Method.Name));
        Assert.Equal([DialogTerminationReason.RemoteBye], handler.Ended);
        Assert.Single(stack.Transport.Responses(SipStatusCodes.OK), r => r.CSeq.Method == SipMethod.Bye);
        // An ended dialog can outlive its call in a transaction for 32 s: it no longer leads to the session above (issue #14).
        Assert.Null(dialog.Handler);
    }

    [Fact]
    public async Task ReInvite_NewContactFromPeer_NextRequestGoesToNewTarget()
    {
        using var stack = new DialogTestStack();
        var handler = new RecordingDialogHandler(stack.Dialogs) { AcceptReInvites = true };
        var (dialog, invite) = await stack.AnswerPeerInviteAsync(handler);
        await stack.DeliverAsync(DialogTestStack.PeerAck(dialog, invite));

        var reInvite = DialogTestStack.PeerRequest("INVITE", 11, invite.CallId, dialog.Id.LocalTag, "Contact: <sip:caller@192.0.2.11:5072>");
        await stack.DeliverAsync(reInvite);
        await stack.DeliverAsync(DialogTestStack.PeerAck(dialog, reInvite));
        await stack.Dialogs.SendByeAsync(dialog, None);

        var bye = Assert.Single(stack.Transport.Requests(SipMethod.Bye));
        Assert.Equal("sip:caller@192.0.2.11:5072", bye.RequestUri.ToString());
        Assert.Equal("192.0.2.11:5072", stack.Transport.Sent.Single(s => s.Message == bye).Destination.EndPoint.ToString());
        var reInviteOk = stack.Transport.Responses(SipStatusCodes.OK).Single(r => r.CSeq.Number == 11);
        Assert.Equal(DialogTestStack.LocalContact.ToString(), Assert.Single(reInviteOk.Contacts).ToString());
    }

    [Fact]
    public async Task SendReInviteAsync_2xxWithNewContact_NextRequestGoesToNewTargetAndIsAcked()
    {
        using var stack = new DialogTestStack();
        var (dialog, _, _, _) = await stack.CallPeerAsync();

        var transaction = await stack.Dialogs.SendReInviteAsync(dialog, null, None);
        var reInvite = transaction.Request;
        await stack.DeliverAsync(DialogTestStack.PeerResponse(reInvite, SipStatusCodes.OK, "<sip:caller@192.0.2.12:5074>"));
        await transaction.Outcome;
        await WaitUntilAsync(() => stack.Transport.Requests(SipMethod.Ack).Count == 2);
        await stack.Dialogs.SendRequestAsync(dialog, SipMethod.Info, null, None);

        Assert.Equal(DialogTestStack.LocalContact.ToString(), Assert.Single(reInvite.Contacts).ToString());
        var ack = stack.Transport.Requests(SipMethod.Ack)[1];
        Assert.Equal(new Syntax.Headers.SipCSeq(reInvite.CSeq.Number, SipMethod.Ack), ack.CSeq);
        var info = Assert.Single(stack.Transport.Requests(SipMethod.Info));
        Assert.Equal("sip:caller@192.0.2.12:5074", info.RequestUri.ToString());
        Assert.Equal(reInvite.CSeq.Number + 1, info.CSeq.Number);
    }

    [Fact]
    public async Task SendResponseAsync_2xxWithoutAck_RetransmittedAtT1DoublingToT2ThenByeAfter64T1()
    {
        using var stack = new DialogTestStack();
        var handler = new RecordingDialogHandler(stack.Dialogs);
        var (dialog, _) = await stack.AnswerPeerInviteAsync(handler);

        stack.Advance(TimeSpan.FromSeconds(40));

        Assert.Equal([0, 0.5, 1.5, 3.5, 7.5, 11.5, 15.5, 19.5, 23.5, 27.5, 31.5], stack.SendTimes("200"));
        Assert.Equal(32.0, stack.SendTimes("BYE")[0]); // then the BYE's own Timer E retransmissions
        Assert.Equal([DialogTerminationReason.AckTimeout], handler.Ended);
        Assert.Equal(SipDialogState.Terminated, dialog.State);
    }

    [Fact]
    public async Task HandleAckAsync_AckAfterOneSecond_RetransmissionStopsAndHandlerGetsAck()
    {
        using var stack = new DialogTestStack();
        var handler = new RecordingDialogHandler(stack.Dialogs);
        var (dialog, invite) = await stack.AnswerPeerInviteAsync(handler);

        stack.Advance(TimeSpan.FromSeconds(1));
        await stack.DeliverAsync(DialogTestStack.PeerAck(dialog, invite));
        await stack.DeliverAsync(DialogTestStack.PeerAck(dialog, invite));
        stack.Advance(TimeSpan.FromSeconds(40));

        Assert.Equal([0, 0.5], stack.SendTimes("200"));
        Assert.Empty(stack.SendTimes("BYE"));
        Assert.Single(handler.Acks);
        Assert.Equal(SipDialogState.Confirmed, dialog.State);
    }

    [Fact]
    public async Task AcknowledgeAsync_2xx_AckBuiltAsSection13224AndSentOutsideATransaction()
    {
        using var stack = new DialogTestStack();

        var (dialog, invite, _, _) = await stack.CallPeerAsync("<sip:192.0.2.40:5100;lr>");

        var sent = stack.Transport.Sent.Single(s => s.Summary == "ACK");
        var ack = (SipRequest)sent.Message;
        Assert.Equal("sip:caller@192.0.2.10:5070", ack.RequestUri.ToString());
        Assert.Equal(new Syntax.Headers.SipCSeq(invite.CSeq.Number, SipMethod.Ack), ack.CSeq);
        Assert.Equal(["<sip:192.0.2.40:5100;lr>"], ack.Routes.Select(r => r.ToString()));
        Assert.Equal(5100, sent.Destination.EndPoint.Port);
        Assert.NotEqual(invite.TopVia.Branch, ack.TopVia.Branch);
        Assert.Equal(invite.From.ToString(), ack.From.ToString());
        Assert.Equal(DialogTestStack.PeerTag, ack.To.Tag);
        Assert.True(ack.Headers.Contains("Proxy-Authorization"));
        Assert.Equal(invite.CSeq.Number, dialog.LocalSequenceNumber);
    }

    [Fact]
    public async Task Retransmitted2xx_AfterTransactionEnded_SameAckSentAgain()
    {
        using var stack = new DialogTestStack();
        var (_, _, ok, transaction) = await stack.CallPeerAsync();
        stack.Advance(TimeSpan.FromSeconds(33));
        Assert.Equal(SipTransactionState.Terminated, transaction.State);

        await stack.DeliverAsync(ok);

        var acks = stack.Transport.Requests(SipMethod.Ack);
        Assert.Equal(2, acks.Count);
        Assert.Equal(acks[0].Bytes.ToArray(), acks[1].Bytes.ToArray());
    }

    [Fact]
    public async Task HandleRequestAsync_ReInviteWhileOursPending_Answered491()
    {
        using var stack = new DialogTestStack();
        var (dialog, invite) = await stack.AnswerPeerInviteAsync();
        await stack.DeliverAsync(DialogTestStack.PeerAck(dialog, invite));
        await stack.Dialogs.SendReInviteAsync(dialog, null, None);

        await stack.DeliverAsync(DialogTestStack.PeerRequest("INVITE", 11, invite.CallId, dialog.Id.LocalTag, "Contact: " + DialogTestStack.PeerContact));

        var answer = Assert.Single(stack.Transport.Responses(SipStatusCodes.RequestPending));
        Assert.Equal(new Syntax.Headers.SipCSeq(11, SipMethod.Invite), answer.CSeq);
        Assert.Equal(dialog.Id.LocalTag, answer.To.Tag);
    }

    [Fact]
    public async Task InDialogRequest_Answered481_DialogEnds()
    {
        using var stack = new DialogTestStack();
        var (dialog, _, _, _) = await stack.CallPeerAsync();

        var transaction = await stack.Dialogs.SendRequestAsync(dialog, SipMethod.Info, null, None);
        await stack.DeliverAsync(Syntax.Building.SipResponseBuilder.ForRequest(transaction.Request, SipStatusCodes.CallOrTransactionDoesNotExist).Build());

        Assert.Equal(DialogTerminationReason.RequestFailed, await dialog.Terminated.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.Equal(0, stack.Dialogs.Count);
    }

    [Fact]
    public async Task OnInviteResponse_486AfterEarlyDialog_EarlyDialogEnds()
    {
        using var stack = new DialogTestStack();
        var invite = DialogTestStack.OurInvite();
        var transaction = await stack.Layer.SendInviteAsync(invite, DialogTestStack.Peer, None);
        var early = stack.Dialogs.OnInviteResponse(transaction, DialogTestStack.PeerResponse(invite, SipStatusCodes.Ringing, DialogTestStack.PeerContact));

        var result = stack.Dialogs.OnInviteResponse(transaction, DialogTestStack.PeerResponse(invite, SipStatusCodes.BusyHere, DialogTestStack.PeerContact));

        Assert.Null(result);
        Assert.Equal(DialogTerminationReason.Rejected, await early!.Terminated);
        Assert.Equal(0, stack.Dialogs.Count);
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        // Safety net only: the watcher runs on the thread pool after the outcome completes.
        for (var i = 0; i < 500 && !condition(); i++)
        {
            await Task.Yield();
            await Task.Delay(TimeSpan.FromMilliseconds(10), TimeProvider.System);
        }
    }
}
