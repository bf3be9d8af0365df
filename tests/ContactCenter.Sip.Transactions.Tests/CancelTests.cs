using ContactCenter.Sip.Syntax;

namespace ContactCenter.Sip.Transactions.Tests;

public sealed class CancelTests
{
    [Fact]
    public async Task Cancel_MatchingInvite_Answered200AndTuTold()
    {
        using var stack = new TestStack();
        stack.Handler.AnswerWith(180);
        var invite = stack.IncomingRequest(SipMethod.Invite);
        await stack.DeliverAsync(invite);

        await stack.DeliverAsync(TestStack.SameTransaction(invite, SipMethod.Cancel));

        var ok = (SipResponse)Assert.Single(stack.Transport.SentResponses(200)).Message;
        Assert.Equal(SipMethod.Cancel, ok.CSeq.Method);
        Assert.Equal(TestStack.Response(invite, 180).To.Tag, ok.To.Tag);
        var (cancelled, _) = Assert.Single(stack.Handler.Cancels);
        Assert.Same(stack.Handler.Requests[0].Transaction, cancelled);
        Assert.Single(stack.Handler.Requests);
    }

    [Fact]
    public async Task Cancel_TuAnswers487_InviteCompletes()
    {
        using var stack = new TestStack();
        var invite = stack.IncomingRequest(SipMethod.Invite);
        await stack.DeliverAsync(invite);
        await stack.DeliverAsync(TestStack.SameTransaction(invite, SipMethod.Cancel));

        await stack.Handler.Cancels[0].Invite.SendResponseAsync(TestStack.Response(invite, 487), CancellationToken.None);

        Assert.Equal(["200", "487"], stack.Transport.Sent.Select(s => s.Summary));
        Assert.Equal(SipTransactionState.Completed, stack.Handler.Cancels[0].Invite.State);
    }

    [Fact]
    public async Task Cancel_Unknown_Answered481()
    {
        using var stack = new TestStack();

        await stack.DeliverAsync(stack.IncomingRequest(SipMethod.Cancel));

        Assert.Equal(["481"], stack.Transport.Sent.Select(s => s.Summary));
        Assert.Empty(stack.Handler.Cancels);
        Assert.Empty(stack.Handler.Requests);
    }

    [Fact]
    public async Task Cancel_OtherSentBy_Answered481()
    {
        using var stack = new TestStack();
        var invite = stack.IncomingRequest(SipMethod.Invite, "z9hG4bKinv");
        await stack.DeliverAsync(invite);

        await stack.DeliverAsync(stack.IncomingRequest(SipMethod.Cancel, "z9hG4bKinv", "192.0.2.99"));

        Assert.Equal(["481"], stack.Transport.Sent.Select(s => s.Summary));
    }

    [Fact]
    public async Task Cancel_AfterFinal_Answered200ButTuNotTold()
    {
        using var stack = new TestStack();
        stack.Handler.AnswerWith(486);
        var invite = stack.IncomingRequest(SipMethod.Invite);
        await stack.DeliverAsync(invite);

        await stack.DeliverAsync(TestStack.SameTransaction(invite, SipMethod.Cancel));

        Assert.Equal(["486", "200"], stack.Transport.Sent.Select(s => s.Summary));
        Assert.Empty(stack.Handler.Cancels);
    }

    [Fact]
    public async Task CancelRetransmission_200ResentTuToldOnce()
    {
        using var stack = new TestStack();
        var invite = stack.IncomingRequest(SipMethod.Invite);
        await stack.DeliverAsync(invite);
        var cancel = TestStack.SameTransaction(invite, SipMethod.Cancel);
        await stack.DeliverAsync(cancel);

        await stack.DeliverAsync(cancel);

        Assert.Equal(["200", "200"], stack.Transport.Sent.Select(s => s.Summary));
        Assert.Single(stack.Handler.Cancels);
    }
}
