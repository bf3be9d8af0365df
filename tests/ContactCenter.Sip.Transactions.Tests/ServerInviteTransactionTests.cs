using ContactCenter.Sip.Syntax;
using ContactCenter.Sip.Transport;

namespace ContactCenter.Sip.Transactions.Tests;

public sealed class ServerInviteTransactionTests
{
    [Fact]
    public async Task SlowTu_100TryingSentAt200ms()
    {
        using var stack = new TestStack();

        await stack.DeliverAsync(stack.IncomingRequest(SipMethod.Invite));
        stack.Advance(TimeSpan.FromSeconds(1));

        Assert.Equal([0.2], stack.SendTimes("100"));
        Assert.Single(stack.Transport.Sent);
    }

    [Fact]
    public async Task FastTu_No100Trying()
    {
        using var stack = new TestStack();
        stack.Handler.AnswerWith(180);

        await stack.DeliverAsync(stack.IncomingRequest(SipMethod.Invite));
        stack.Advance(TimeSpan.FromSeconds(1));

        Assert.Equal(["180"], stack.Transport.Sent.Select(s => s.Summary));
    }

    [Fact]
    public async Task TuAnswersAfter100ms_No100Trying()
    {
        using var stack = new TestStack();
        var invite = stack.IncomingRequest(SipMethod.Invite);
        await stack.DeliverAsync(invite);

        stack.Advance(TimeSpan.FromMilliseconds(100));
        await stack.Handler.Requests[0].Transaction.SendResponseAsync(TestStack.Response(invite, 180), CancellationToken.None);
        stack.Advance(TimeSpan.FromSeconds(1));

        Assert.Equal(["180"], stack.Transport.Sent.Select(s => s.Summary));
    }

    [Fact]
    public async Task RequestRetransmission_InProceeding_ResendsLastProvisional()
    {
        using var stack = new TestStack();
        stack.Handler.AnswerWith(180);
        var invite = stack.IncomingRequest(SipMethod.Invite);
        await stack.DeliverAsync(invite);

        await stack.DeliverAsync(invite);

        Assert.Equal(["180", "180"], stack.Transport.Sent.Select(s => s.Summary));
        Assert.Single(stack.Handler.Requests);
    }

    [Fact]
    public async Task RequestRetransmission_InCompleted_ResendsFinal()
    {
        using var stack = new TestStack(SipTransportProtocol.Tcp);
        stack.Handler.AnswerWith(486);
        var invite = stack.IncomingRequest(SipMethod.Invite);
        await stack.DeliverAsync(invite);

        await stack.DeliverAsync(invite);

        Assert.Equal(["486", "486"], stack.Transport.Sent.Select(s => s.Summary));
    }

    [Fact]
    public async Task Udp_NoAck_TimerGRetransmitsAndTimerHTellsTu()
    {
        using var stack = new TestStack();
        stack.Handler.AnswerWith(486);
        await stack.DeliverAsync(stack.IncomingRequest(SipMethod.Invite));

        stack.Advance(TimeSpan.FromSeconds(32));

        Assert.Equal([0, 0.5, 1.5, 3.5, 7.5, 11.5, 15.5, 19.5, 23.5, 27.5, 31.5], stack.SendTimes("486"));
        var (tx, reason) = Assert.Single(stack.Handler.Failures);
        Assert.Equal(SipTransactionError.Timeout, reason);
        Assert.Equal(SipTransactionState.Terminated, tx.State);
        Assert.Equal(0, stack.Layer.ActiveTransactionCount);
    }

    [Fact]
    public async Task Udp_NoAck_TuNotToldBeforeTimerH()
    {
        using var stack = new TestStack();
        stack.Handler.AnswerWith(486);
        await stack.DeliverAsync(stack.IncomingRequest(SipMethod.Invite));

        stack.Advance(TimeSpan.FromSeconds(31.95));

        Assert.Empty(stack.Handler.Failures);
    }

    [Fact]
    public async Task Tcp_NoAck_FinalSentOnceAndTimerHTellsTu()
    {
        using var stack = new TestStack(SipTransportProtocol.Tcp);
        stack.Handler.AnswerWith(486);
        await stack.DeliverAsync(stack.IncomingRequest(SipMethod.Invite));

        stack.Advance(TimeSpan.FromSeconds(32));

        Assert.Equal([0], stack.SendTimes("486"));
        Assert.Equal(SipTransactionError.Timeout, Assert.Single(stack.Handler.Failures).Reason);
    }

    [Fact]
    public async Task Udp_Ack_StopsRetransmissionsAbsorbedAndTerminatesAfterT4()
    {
        using var stack = new TestStack();
        stack.Handler.AnswerWith(486);
        var (invite, tx) = await stack.ReceiveAsync(SipMethod.Invite);
        stack.AdvanceTo(TimeSpan.FromSeconds(2));

        await stack.DeliverAsync(TestStack.SameTransaction(invite, SipMethod.Ack, TestStack.Response(invite, 486).To));
        var confirmed = tx.State;
        stack.Advance(TimeSpan.FromSeconds(5));

        Assert.Equal(SipTransactionState.Confirmed, confirmed);
        Assert.Equal([0, 0.5, 1.5], stack.SendTimes("486"));
        Assert.Empty(stack.Handler.Acks);
        Assert.Equal(SipTransactionState.Terminated, tx.State);
        Assert.Empty(stack.Handler.Failures);
    }

    [Fact]
    public async Task Udp_AckRetransmission_AbsorbedInConfirmed()
    {
        using var stack = new TestStack();
        stack.Handler.AnswerWith(486);
        var invite = stack.IncomingRequest(SipMethod.Invite);
        await stack.DeliverAsync(invite);
        var ack = TestStack.SameTransaction(invite, SipMethod.Ack, TestStack.Response(invite, 486).To);
        await stack.DeliverAsync(ack);

        await stack.DeliverAsync(ack);

        Assert.Empty(stack.Handler.Acks);
        Assert.Equal(SipTransactionState.Confirmed, stack.Handler.Requests[0].Transaction.State);
    }

    [Fact]
    public async Task Tcp_Ack_TerminatesAtOnce()
    {
        using var stack = new TestStack(SipTransportProtocol.Tcp);
        stack.Handler.AnswerWith(486);
        var invite = stack.IncomingRequest(SipMethod.Invite);
        await stack.DeliverAsync(invite);

        await stack.DeliverAsync(TestStack.SameTransaction(invite, SipMethod.Ack));

        Assert.Equal(SipTransactionState.Terminated, stack.Handler.Requests[0].Transaction.State);
        Assert.Equal(0, stack.Layer.ActiveTransactionCount);
    }

    [Fact]
    public async Task Success_Accepted_RequestRetransmissionAbsorbedAndTuRetransmits2xx()
    {
        using var stack = new TestStack();
        stack.Handler.AnswerWith(200);
        var (invite, tx) = await stack.ReceiveAsync(SipMethod.Invite);

        await stack.DeliverAsync(invite);
        var resent = await tx.SendResponseAsync(TestStack.Response(invite, 200), CancellationToken.None);

        Assert.Equal(SipTransactionState.Accepted, tx.State);
        Assert.True(resent);
        Assert.Equal(["200", "200"], stack.Transport.Sent.Select(s => s.Summary));
    }

    [Fact]
    public async Task Success_AckWithSameBranchInAccepted_PassedToTu()
    {
        using var stack = new TestStack();
        stack.Handler.AnswerWith(200);
        var invite = stack.IncomingRequest(SipMethod.Invite);
        await stack.DeliverAsync(invite);

        await stack.DeliverAsync(TestStack.SameTransaction(invite, SipMethod.Ack, TestStack.Response(invite, 200).To));

        Assert.Single(stack.Handler.Acks);
    }

    [Fact]
    public async Task Success_TerminatesAfterTimerL()
    {
        using var stack = new TestStack();
        stack.Handler.AnswerWith(200);
        await stack.DeliverAsync(stack.IncomingRequest(SipMethod.Invite));
        var tx = stack.Handler.Requests[0].Transaction;

        stack.Advance(TimeSpan.FromSeconds(32));

        Assert.Equal(SipTransactionState.Terminated, tx.State);
        Assert.Equal(0, stack.Layer.ActiveTransactionCount);
        Assert.Empty(stack.Handler.Failures);
    }

    [Fact]
    public async Task AckFor2xx_NewBranch_PassedToTu()
    {
        using var stack = new TestStack();
        stack.Handler.AnswerWith(200);
        var invite = stack.IncomingRequest(SipMethod.Invite);
        await stack.DeliverAsync(invite);

        await stack.DeliverAsync(stack.IncomingRequest(SipMethod.Ack));

        Assert.Single(stack.Handler.Acks);
        Assert.Single(stack.Handler.Requests);
    }

    [Fact]
    public async Task FinalAfterFinal_NotSent()
    {
        using var stack = new TestStack();
        stack.Handler.AnswerWith(486);
        var invite = stack.IncomingRequest(SipMethod.Invite);
        await stack.DeliverAsync(invite);

        var sent = await stack.Handler.Requests[0].Transaction.SendResponseAsync(TestStack.Response(invite, 200), CancellationToken.None);

        Assert.False(sent);
        Assert.Equal(["486"], stack.Transport.Sent.Select(s => s.Summary));
    }

    [Fact]
    public async Task TransportError_OnTimerG_TellsTu()
    {
        using var stack = new TestStack();
        stack.Handler.AnswerWith(486);
        await stack.DeliverAsync(stack.IncomingRequest(SipMethod.Invite));

        stack.Transport.Fail = true;
        stack.Advance(TimeSpan.FromSeconds(1));

        Assert.Equal(SipTransactionError.TransportError, Assert.Single(stack.Handler.Failures).Reason);
        Assert.Equal(0, stack.Layer.ActiveTransactionCount);
    }
}
