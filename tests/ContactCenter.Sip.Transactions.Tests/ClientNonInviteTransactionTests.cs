using ContactCenter.Sip.Syntax;
using ContactCenter.Sip.Transport;

namespace ContactCenter.Sip.Transactions.Tests;

public sealed class ClientNonInviteTransactionTests
{
    private static readonly TimeSpan T4 = TimeSpan.FromSeconds(5);

    [Fact]
    public async Task Udp_NoResponse_RetransmitsByTimerEAndTimesOutAt64T1()
    {
        using var stack = new TestStack();
        var (_, tx) = await stack.StartClientAsync(SipMethod.Options);

        stack.Advance(TimeSpan.FromSeconds(32));

        Assert.Equal([0, 0.5, 1.5, 3.5, 7.5, 11.5, 15.5, 19.5, 23.5, 27.5, 31.5], stack.SendTimes("OPTIONS"));
        var outcome = await tx.Outcome;
        Assert.Equal(SipStatusCodes.RequestTimeout, outcome.Response.StatusCode);
        Assert.Equal(SipTransactionError.Timeout, outcome.Error);
        Assert.Equal(SipTransactionState.Terminated, tx.State);
        Assert.Equal(0, stack.Layer.ActiveTransactionCount);
    }

    [Fact]
    public async Task Udp_NoResponse_NotTimedOutBeforeTimerF()
    {
        using var stack = new TestStack();
        var (_, tx) = await stack.StartClientAsync(SipMethod.Options);

        stack.Advance(TimeSpan.FromSeconds(31.95));

        Assert.False(tx.Outcome.IsCompleted);
        Assert.Equal(SipTransactionState.Trying, tx.State);
    }

    [Fact]
    public async Task Tcp_NoResponse_SendsOnceAndTimesOutAt64T1()
    {
        using var stack = new TestStack(SipTransportProtocol.Tcp);
        var (_, tx) = await stack.StartClientAsync(SipMethod.Options);

        stack.Advance(TimeSpan.FromSeconds(32));

        Assert.Equal([0], stack.SendTimes("OPTIONS"));
        Assert.Equal(SipStatusCodes.RequestTimeout, (await tx.Outcome).Response.StatusCode);
        Assert.Equal(0, stack.Layer.ActiveTransactionCount);
    }

    [Fact]
    public async Task Udp_Provisional_RetransmitsEveryT2()
    {
        using var stack = new TestStack();
        var (request, tx) = await stack.StartClientAsync(SipMethod.Register);
        stack.AdvanceTo(TimeSpan.FromSeconds(1));

        await stack.DeliverAsync(TestStack.Response(request, 100));
        stack.AdvanceTo(TimeSpan.FromSeconds(14));

        // E fired at 0.5 while Trying (next in 1 s); from 1.5 on, Proceeding, every T2.
        Assert.Equal([0, 0.5, 1.5, 5.5, 9.5, 13.5], stack.SendTimes("REGISTER"));
        Assert.Equal(SipTransactionState.Proceeding, tx.State);
        Assert.True(tx.Responses.TryRead(out var provisional));
        Assert.Equal(100, provisional.StatusCode);
    }

    [Fact]
    public async Task Udp_Provisional_StillTimesOutAtTimerF()
    {
        using var stack = new TestStack();
        var (request, tx) = await stack.StartClientAsync(SipMethod.Register);
        await stack.DeliverAsync(TestStack.Response(request, 100));

        stack.Advance(TimeSpan.FromSeconds(32));

        Assert.Equal(SipTransactionError.Timeout, (await tx.Outcome).Error);
    }

    [Fact]
    public async Task Udp_FinalResponse_StopsRetransmissionsAndReportsIt()
    {
        using var stack = new TestStack();
        var (request, tx) = await stack.StartClientAsync(SipMethod.Options);
        stack.AdvanceTo(TimeSpan.FromSeconds(1));

        await stack.DeliverAsync(TestStack.Response(request, 200));
        stack.Advance(TimeSpan.FromSeconds(30));

        Assert.Equal([0, 0.5], stack.SendTimes("OPTIONS"));
        var outcome = await tx.Outcome;
        Assert.Equal(200, outcome.Response.StatusCode);
        Assert.False(outcome.IsLocal);
    }

    [Fact]
    public async Task Udp_FinalRetransmission_AbsorbedInCompleted()
    {
        using var stack = new TestStack();
        var (request, tx) = await stack.StartClientAsync(SipMethod.Options);
        var ok = TestStack.Response(request, 200);

        await stack.DeliverAsync(ok);
        await stack.DeliverAsync(ok);

        Assert.Equal(SipTransactionState.Completed, tx.State);
        Assert.True(tx.Responses.TryRead(out _));
        Assert.False(tx.Responses.TryRead(out _));
    }

    [Fact]
    public async Task Udp_Completed_TerminatesAfterT4()
    {
        using var stack = new TestStack();
        var (request, tx) = await stack.StartClientAsync(SipMethod.Options);
        await stack.DeliverAsync(TestStack.Response(request, 404));

        stack.Advance(T4 - FakeTimeProviderExtensions.Step);
        var before = tx.State;
        stack.Advance(FakeTimeProviderExtensions.Step);

        Assert.Equal(SipTransactionState.Completed, before);
        Assert.Equal(SipTransactionState.Terminated, tx.State);
        Assert.Equal(SipTransactionError.None, await tx.Ended);
        Assert.Equal(0, stack.Layer.ActiveTransactionCount);
    }

    [Fact]
    public async Task Tcp_FinalResponse_TerminatesAtOnce()
    {
        using var stack = new TestStack(SipTransportProtocol.Tcp);
        var (request, tx) = await stack.StartClientAsync(SipMethod.Options);

        await stack.DeliverAsync(TestStack.Response(request, 200));

        Assert.Equal(SipTransactionState.Terminated, tx.State);
        Assert.Equal(0, stack.Layer.ActiveTransactionCount);
        Assert.Equal(200, (await tx.Outcome).Response.StatusCode);
    }

    [Fact]
    public async Task TransportError_TerminatesWith503()
    {
        using var stack = new TestStack(SipTransportProtocol.Tcp);
        stack.Transport.Fail = true;

        var (_, tx) = await stack.StartClientAsync(SipMethod.Options);

        var outcome = await tx.Outcome;
        Assert.Equal(SipStatusCodes.ServiceUnavailable, outcome.Response.StatusCode);
        Assert.Equal(SipTransactionError.TransportError, outcome.Error);
        Assert.Equal(0, stack.Layer.ActiveTransactionCount);
    }

    [Fact]
    public async Task Udp_TransportErrorOnRetransmission_TerminatesWith503()
    {
        using var stack = new TestStack();
        var (_, tx) = await stack.StartClientAsync(SipMethod.Options);

        stack.Transport.Fail = true;
        stack.Advance(TimeSpan.FromSeconds(1));

        Assert.Equal(SipTransactionError.TransportError, (await tx.Outcome).Error);
        Assert.Equal(SipTransactionState.Terminated, tx.State);
    }

    [Fact]
    public async Task Responses_CompleteWhenTransactionEnds()
    {
        using var stack = new TestStack(SipTransportProtocol.Tcp);
        var (request, tx) = await stack.StartClientAsync(SipMethod.Options);
        await stack.DeliverAsync(TestStack.Response(request, 180));
        await stack.DeliverAsync(TestStack.Response(request, 200));

        var codes = new List<int>();
        await foreach (var response in tx.Responses.ReadAllAsync())
        {
            codes.Add(response.StatusCode);
        }

        Assert.Equal([180, 200], codes);
    }

    [Fact]
    public async Task Response_OtherMethodSameBranch_DoesNotMatch()
    {
        using var stack = new TestStack();
        var (request, tx) = await stack.StartClientAsync(SipMethod.Options);
        var cancelResponse = TestStack.Response(TestStack.SameTransaction(request, SipMethod.Cancel), 200);

        await stack.DeliverAsync(cancelResponse);

        Assert.Equal(SipTransactionState.Trying, tx.State);
    }

    [Fact]
    public async Task Responses_UnreadBacklogBounded_OutcomeKeepsFinal()
    {
        using var stack = new TestStack(SipTransportProtocol.Tcp);
        var (request, tx) = await stack.StartClientAsync(SipMethod.Options);
        var trying = TestStack.Response(request, 100);
        for (var i = 0; i < 2 * SipClientTransaction.ResponseBacklog; i++)
        {
            await stack.DeliverAsync(trying);
        }

        await stack.DeliverAsync(TestStack.Response(request, 200));

        Assert.Equal(SipClientTransaction.ResponseBacklog, tx.Responses.Count);
        Assert.Equal(200, (await tx.Outcome).Response.StatusCode);
    }
}
