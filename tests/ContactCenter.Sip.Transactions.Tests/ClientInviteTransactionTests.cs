using ContactCenter.Sip.Syntax;
using ContactCenter.Sip.Syntax.Headers;
using ContactCenter.Sip.Transport;

namespace ContactCenter.Sip.Transactions.Tests;

public sealed class ClientInviteTransactionTests
{
    [Fact]
    public async Task Udp_NoResponse_TimerADoublesAndTimerBReports408()
    {
        using var stack = new TestStack();
        var (_, tx) = await stack.StartClientAsync(SipMethod.Invite);

        stack.Advance(TimeSpan.FromSeconds(32));

        Assert.Equal([0, 0.5, 1.5, 3.5, 7.5, 15.5, 31.5], stack.SendTimes("INVITE"));
        var outcome = await tx.Outcome;
        Assert.Equal(SipStatusCodes.RequestTimeout, outcome.Response.StatusCode);
        Assert.Equal(SipTransactionError.Timeout, outcome.Error);
        Assert.Equal(0, stack.Layer.ActiveTransactionCount);
    }

    [Fact]
    public async Task Tcp_NoResponse_SendsOnceAndTimesOutAtTimerB()
    {
        using var stack = new TestStack(SipTransportProtocol.Tcp);
        var (_, tx) = await stack.StartClientAsync(SipMethod.Invite);

        stack.Advance(TimeSpan.FromSeconds(31.95));
        var early = tx.Outcome.IsCompleted;
        stack.Advance(FakeTimeProviderExtensions.Step);

        Assert.False(early);
        Assert.Equal([0], stack.SendTimes("INVITE"));
        Assert.Equal(SipTransactionError.Timeout, (await tx.Outcome).Error);
    }

    [Fact]
    public async Task Udp_Provisional_StopsRetransmissionsAndTimerB()
    {
        using var stack = new TestStack();
        var (request, tx) = await stack.StartClientAsync(SipMethod.Invite);
        stack.AdvanceTo(TimeSpan.FromSeconds(1));

        await stack.DeliverAsync(TestStack.Response(request, 180));
        stack.Advance(TimeSpan.FromSeconds(60));

        Assert.Equal([0, 0.5], stack.SendTimes("INVITE"));
        Assert.Equal(SipTransactionState.Proceeding, tx.State);
        Assert.True(tx.Responses.TryRead(out var ringing));
        Assert.Equal(180, ringing.StatusCode);
    }

    [Fact]
    public async Task NonSuccessFinal_AckBuiltAsRfc3261Section17113()
    {
        using var stack = new TestStack();
        var request = stack.OutgoingRequest(SipMethod.Invite, b => b
            .AddRoute(SipNameAddress.Parse("<sip:proxy1.example.com;lr>"))
            .AddRoute(SipNameAddress.Parse("<sip:proxy2.example.com;lr>")));
        var tx = await stack.Layer.SendRequestAsync(request, stack.Peer, CancellationToken.None);
        var busy = TestStack.Response(request, 486, "callee");

        await stack.DeliverAsync(busy);

        var ack = (SipRequest)Assert.Single(stack.Transport.SentRequests(SipMethod.Ack)).Message;
        Assert.Equal(request.RequestUri.ToString(), ack.RequestUri.ToString());
        Assert.Equal(request.CallId, ack.CallId);
        Assert.Equal(request.From.ToString(), ack.From.ToString());
        Assert.Equal("callee", ack.To.Tag);
        Assert.Equal(new SipCSeq(request.CSeq.Number, SipMethod.Ack), ack.CSeq);
        Assert.Equal(request.TopVia.ToString(), Assert.Single(ack.Vias).ToString());
        Assert.Equal(request.Routes.Select(r => r.ToString()), ack.Routes.Select(r => r.ToString()));
        Assert.Equal(486, (await tx.Outcome).Response.StatusCode);
    }

    [Fact]
    public async Task Udp_FinalRetransmission_AckedAgainNotPassedUp()
    {
        using var stack = new TestStack();
        var (request, tx) = await stack.StartClientAsync(SipMethod.Invite);
        var busy = TestStack.Response(request, 486);
        await stack.DeliverAsync(busy);

        await stack.DeliverAsync(busy);

        Assert.Equal(2, stack.Transport.SentRequests(SipMethod.Ack).Count);
        Assert.True(tx.Responses.TryRead(out _));
        Assert.False(tx.Responses.TryRead(out _));
        Assert.Equal(SipTransactionState.Completed, tx.State);
    }

    [Fact]
    public async Task Udp_Completed_TerminatesAfterTimerD()
    {
        using var stack = new TestStack();
        var (request, tx) = await stack.StartClientAsync(SipMethod.Invite);
        await stack.DeliverAsync(TestStack.Response(request, 603));

        stack.Advance(TimeSpan.FromSeconds(31.95));
        var before = tx.State;
        stack.Advance(FakeTimeProviderExtensions.Step);

        Assert.Equal(SipTransactionState.Completed, before);
        Assert.Equal(SipTransactionState.Terminated, tx.State);
        Assert.Equal(0, stack.Layer.ActiveTransactionCount);
    }

    [Fact]
    public async Task Tcp_NonSuccessFinal_AckedAndTerminatedAtOnce()
    {
        using var stack = new TestStack(SipTransportProtocol.Tcp);
        var (request, tx) = await stack.StartClientAsync(SipMethod.Invite);

        await stack.DeliverAsync(TestStack.Response(request, 404));

        Assert.Single(stack.Transport.SentRequests(SipMethod.Ack));
        Assert.Equal(SipTransactionState.Terminated, tx.State);
    }

    [Fact]
    public async Task Success_PassedUpWithoutAck_RetransmissionsPassedUpInAccepted()
    {
        using var stack = new TestStack();
        var (request, tx) = await stack.StartClientAsync(SipMethod.Invite);
        var ok = TestStack.Response(request, 200);

        await stack.DeliverAsync(ok);
        await stack.DeliverAsync(ok);

        Assert.Empty(stack.Transport.SentRequests(SipMethod.Ack));
        Assert.Equal(SipTransactionState.Accepted, tx.State);
        Assert.Equal(200, (await tx.Outcome).Response.StatusCode);
        Assert.True(tx.Responses.TryRead(out _));
        Assert.True(tx.Responses.TryRead(out _));
        Assert.Empty(stack.Handler.StrayResponses);
    }

    [Fact]
    public async Task Success_AfterTimerM_RetransmissionGoesToTuAsStray()
    {
        using var stack = new TestStack();
        var (request, tx) = await stack.StartClientAsync(SipMethod.Invite);
        var ok = TestStack.Response(request, 200);
        await stack.DeliverAsync(ok);

        stack.Advance(TimeSpan.FromSeconds(32));
        await stack.DeliverAsync(ok);

        Assert.Equal(SipTransactionState.Terminated, tx.State);
        Assert.Single(stack.Handler.StrayResponses);
        Assert.Equal(0, stack.Layer.ActiveTransactionCount);
    }

    [Fact]
    public async Task TransportError_Reports503()
    {
        using var stack = new TestStack();
        stack.Transport.Fail = true;

        var (_, tx) = await stack.StartClientAsync(SipMethod.Invite);

        Assert.Equal(SipStatusCodes.ServiceUnavailable, (await tx.Outcome).Response.StatusCode);
        Assert.Equal(0, stack.Layer.ActiveTransactionCount);
    }

    [Fact]
    public async Task CancelAsync_AfterProvisional_SendsCancelPerRfc3261Section91()
    {
        using var stack = new TestStack();
        var request = stack.OutgoingRequest(SipMethod.Invite, b => b.AddRoute(SipNameAddress.Parse("<sip:proxy1.example.com;lr>")));
        var tx = await stack.Layer.SendInviteAsync(request, stack.Peer, CancellationToken.None);
        await stack.DeliverAsync(TestStack.Response(request, 180));

        var cancelTx = await tx.CancelAsync(CancellationToken.None);

        var cancel = (SipRequest)Assert.Single(stack.Transport.SentRequests(SipMethod.Cancel)).Message;
        Assert.NotNull(cancelTx);
        Assert.Equal(request.RequestUri.ToString(), cancel.RequestUri.ToString());
        Assert.Equal(request.CallId, cancel.CallId);
        Assert.Equal(request.From.ToString(), cancel.From.ToString());
        Assert.Equal(request.To.ToString(), cancel.To.ToString());
        Assert.Equal(new SipCSeq(request.CSeq.Number, SipMethod.Cancel), cancel.CSeq);
        Assert.Equal(request.TopVia.ToString(), Assert.Single(cancel.Vias).ToString());
        Assert.Equal(request.Routes.Select(r => r.ToString()), cancel.Routes.Select(r => r.ToString()));
    }

    [Fact]
    public async Task CancelAsync_BeforeProvisional_WaitsForOne()
    {
        using var stack = new TestStack();
        var (request, inviteTx) = await stack.StartClientAsync(SipMethod.Invite);
        var tx = (ClientInviteTransaction)inviteTx;

        var cancelling = tx.CancelAsync(CancellationToken.None);
        stack.AdvanceTo(TimeSpan.FromSeconds(2));
        var sentEarly = stack.Transport.SentRequests(SipMethod.Cancel).Count;
        await stack.DeliverAsync(TestStack.Response(request, 100));

        Assert.Equal(0, sentEarly);
        Assert.NotNull(await cancelling);
        Assert.Equal([2], stack.SendTimes("CANCEL"));
    }

    [Fact]
    public async Task CancelAsync_AfterFinal_SendsNothing()
    {
        using var stack = new TestStack();
        var (request, inviteTx) = await stack.StartClientAsync(SipMethod.Invite);
        await stack.DeliverAsync(TestStack.Response(request, 486));

        var cancelTx = await ((ClientInviteTransaction)inviteTx).CancelAsync(CancellationToken.None);

        Assert.Null(cancelTx);
        Assert.Empty(stack.Transport.SentRequests(SipMethod.Cancel));
    }

    [Fact]
    public async Task Cancelled_487Arrives_AckedAndReported()
    {
        using var stack = new TestStack();
        var (request, inviteTx) = await stack.StartClientAsync(SipMethod.Invite);
        await stack.DeliverAsync(TestStack.Response(request, 180));
        var cancelTx = await ((ClientInviteTransaction)inviteTx).CancelAsync(CancellationToken.None);
        await stack.DeliverAsync(TestStack.Response(cancelTx!.Request, 200));

        await stack.DeliverAsync(TestStack.Response(request, 487));

        Assert.Equal(200, (await cancelTx.Outcome).Response.StatusCode);
        Assert.Equal(487, (await inviteTx.Outcome).Response.StatusCode);
        Assert.Single(stack.Transport.SentRequests(SipMethod.Ack));
    }

    [Fact]
    public async Task Cancelled_No487_GivenUp64T1AfterCancel()
    {
        using var stack = new TestStack(SipTransportProtocol.Tcp);
        var (request, inviteTx) = await stack.StartClientAsync(SipMethod.Invite);
        await stack.DeliverAsync(TestStack.Response(request, 180));
        await ((ClientInviteTransaction)inviteTx).CancelAsync(CancellationToken.None);

        stack.Advance(TimeSpan.FromSeconds(32));

        Assert.Equal(SipTransactionError.Timeout, (await inviteTx.Outcome).Error);
        Assert.Equal(0, stack.Layer.ActiveTransactionCount);
    }

    [Fact]
    public async Task StrayNonSuccessResponse_Dropped()
    {
        using var stack = new TestStack();
        var unknown = stack.OutgoingRequest(SipMethod.Invite);

        await stack.DeliverAsync(TestStack.Response(unknown, 486));

        Assert.Empty(stack.Handler.StrayResponses);
        Assert.Empty(stack.Transport.Sent);
    }

    [Fact]
    public async Task StraySuccessToInvite_PassedToTu()
    {
        using var stack = new TestStack();
        var unknown = stack.OutgoingRequest(SipMethod.Invite);

        await stack.DeliverAsync(TestStack.Response(unknown, 200));

        Assert.Single(stack.Handler.StrayResponses);
    }

    [Fact]
    public async Task SendRequestAsync_Ack_Refused()
    {
        using var stack = new TestStack();

        await Assert.ThrowsAsync<ArgumentException>(() => stack.StartClientAsync(SipMethod.Ack));
    }
}
