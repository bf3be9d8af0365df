using ContactCenter.Sip.Syntax;
using ContactCenter.Sip.Syntax.Building;
using ContactCenter.Sip.Syntax.Headers;
using ContactCenter.Sip.Transport;

namespace ContactCenter.Sip.Transactions.Tests;

public sealed class ServerNonInviteTransactionTests
{
    [Fact]
    public async Task Retransmission_WhileTrying_AbsorbedAndNotPassedUp()
    {
        using var stack = new TestStack();
        var request = stack.IncomingRequest(SipMethod.Options);

        await stack.DeliverAsync(request);
        await stack.DeliverAsync(request);

        Assert.Single(stack.Handler.Requests);
        Assert.Empty(stack.Transport.Sent);
        Assert.Equal(SipTransactionState.Trying, stack.Handler.Requests[0].Transaction.State);
    }

    [Fact]
    public async Task Retransmission_AfterFinal_AnsweredWithLastResponse()
    {
        using var stack = new TestStack();
        stack.Handler.AnswerWith(200);
        var request = stack.IncomingRequest(SipMethod.Options);
        await stack.DeliverAsync(request);

        await stack.DeliverAsync(request);

        Assert.Equal(["200", "200"], stack.Transport.Sent.Select(s => s.Summary));
        Assert.Single(stack.Handler.Requests);
    }

    [Fact]
    public async Task Retransmission_InProceeding_AnsweredWithProvisional()
    {
        using var stack = new TestStack();
        var request = stack.IncomingRequest(SipMethod.Register);
        await stack.DeliverAsync(request);
        await stack.Handler.Requests[0].Transaction.SendResponseAsync(TestStack.Response(request, 100), CancellationToken.None);

        await stack.DeliverAsync(request);

        Assert.Equal(["100", "100"], stack.Transport.Sent.Select(s => s.Summary));
        Assert.Equal(SipTransactionState.Proceeding, stack.Handler.Requests[0].Transaction.State);
    }

    [Fact]
    public async Task Response_SentToSourceWhenRPortRequested()
    {
        using var stack = new TestStack();
        var request = stack.IncomingRequest(SipMethod.Options);
        await stack.DeliverAsync(request);

        await stack.Handler.Requests[0].Transaction.SendResponseAsync(TestStack.Response(request, 200), CancellationToken.None);

        Assert.Equal(stack.Peer, stack.Transport.Sent[0].Destination);
    }

    [Fact]
    public async Task Udp_Completed_ForgottenAfterTimerJ()
    {
        using var stack = new TestStack();
        stack.Handler.AnswerWith(200);
        var (request, tx) = await stack.ReceiveAsync(SipMethod.Options);

        stack.Advance(TimeSpan.FromSeconds(31.95));
        var before = tx.State;
        stack.Advance(FakeTimeProviderExtensions.Step);

        Assert.Equal(SipTransactionState.Completed, before);
        Assert.Equal(SipTransactionState.Terminated, tx.State);
        Assert.Equal(0, stack.Layer.ActiveTransactionCount);
    }

    [Fact]
    public async Task Udp_RetransmissionAfterTimerJ_IsANewRequest()
    {
        using var stack = new TestStack();
        stack.Handler.AnswerWith(200);
        var request = stack.IncomingRequest(SipMethod.Options);
        await stack.DeliverAsync(request);

        stack.Advance(TimeSpan.FromSeconds(32));
        await stack.DeliverAsync(request);

        Assert.Equal(2, stack.Handler.Requests.Count);
    }

    [Fact]
    public async Task Tcp_Final_TerminatesAtOnce()
    {
        using var stack = new TestStack(SipTransportProtocol.Tcp);
        var (request, tx) = await stack.ReceiveAsync(SipMethod.Options);

        await tx.SendResponseAsync(TestStack.Response(request, 200), CancellationToken.None);

        Assert.Equal(SipTransactionState.Terminated, tx.State);
        Assert.Equal(0, stack.Layer.ActiveTransactionCount);
        Assert.Equal(stack.Peer, stack.Transport.Sent[0].Destination);
    }

    [Fact]
    public async Task SecondFinal_NotSent()
    {
        using var stack = new TestStack();
        var (request, tx) = await stack.ReceiveAsync(SipMethod.Options);
        await tx.SendResponseAsync(TestStack.Response(request, 200), CancellationToken.None);

        var sent = await tx.SendResponseAsync(TestStack.Response(request, 500), CancellationToken.None);

        Assert.False(sent);
        Assert.Equal(["200"], stack.Transport.Sent.Select(s => s.Summary));
    }

    [Fact]
    public async Task TransportError_TerminatesAndTellsTu()
    {
        using var stack = new TestStack(SipTransportProtocol.Tcp);
        var (request, tx) = await stack.ReceiveAsync(SipMethod.Options);
        stack.Transport.Fail = true;

        var sent = await tx.SendResponseAsync(TestStack.Response(request, 180), CancellationToken.None);

        Assert.False(sent);
        Assert.Equal(SipTransactionState.Terminated, tx.State);
        Assert.Equal((tx, SipTransactionError.TransportError), Assert.Single(stack.Handler.Failures));
        Assert.Equal(0, stack.Layer.ActiveTransactionCount);
    }

    [Fact]
    public async Task TuThrows_Answered500()
    {
        using var stack = new TestStack();
        stack.Handler.OnRequest = (_, _) => throw new InvalidOperationException("TU bug");

        await stack.DeliverAsync(stack.IncomingRequest(SipMethod.Options));

        Assert.Equal(["500"], stack.Transport.Sent.Select(s => s.Summary));
    }

    [Theory]
    [InlineData("z9hG4bKother", "192.0.2.10", 5070)]
    [InlineData("z9hG4bKsame", "192.0.2.11", 5070)]
    [InlineData("z9hG4bKsame", "192.0.2.10", 5071)]
    public async Task Request_DifferentBranchOrSentBy_IsANewTransaction(string branch, string sentBy, int port)
    {
        using var stack = new TestStack();
        await stack.DeliverAsync(stack.IncomingRequest(SipMethod.Options, "z9hG4bKsame", "192.0.2.10", 5070));

        await stack.DeliverAsync(stack.IncomingRequest(SipMethod.Options, branch, sentBy, port));

        Assert.Equal(2, stack.Handler.Requests.Count);
    }

    [Fact]
    public async Task Request_SameBranchOtherMethod_IsANewTransaction()
    {
        using var stack = new TestStack();
        var options = stack.IncomingRequest(SipMethod.Options, "z9hG4bKsame");
        await stack.DeliverAsync(options);

        await stack.DeliverAsync(TestStack.SameTransaction(options, SipMethod.Info));

        Assert.Equal(2, stack.Handler.Requests.Count);
    }

    [Fact]
    public async Task Rfc2543Request_RetransmissionMatchedByCallIdCSeqAndFromTag()
    {
        using var stack = new TestStack();
        var via = SipVia.Parse("SIP/2.0/UDP 192.0.2.10:5070");
        var request = SipRequestBuilder.Create(SipMethod.Options, SipUri.Parse("sip:alice@192.0.2.1"), via,
            SipNameAddress.Parse("<sip:bob@192.0.2.10>;tag=old"), SipNameAddress.Parse("<sip:alice@192.0.2.1>"), "legacy@192.0.2.10", 7).Build();
        await stack.DeliverAsync(request);
        await stack.Handler.Requests[0].Transaction.SendResponseAsync(TestStack.Response(request, 200), CancellationToken.None);

        await stack.DeliverAsync(request);

        Assert.Single(stack.Handler.Requests);
        Assert.Equal(["200", "200"], stack.Transport.Sent.Select(s => s.Summary));
    }
}
