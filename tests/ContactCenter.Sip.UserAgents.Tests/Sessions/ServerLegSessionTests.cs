using System.Text;
using ContactCenter.Sessions;
using ContactCenter.Sip.Syntax;
using ContactCenter.Sip.UserAgents.Sessions;
using ContactCenter.Sip.UserAgents.Tests.Dialogs;

namespace ContactCenter.Sip.UserAgents.Tests.Sessions;

/// <summary>The caller's leg as the session layer serves it: ringing with or without early media, the answer, the end before and after it, CANCEL.</summary>
public sealed class ServerLegSessionTests
{
    [Fact]
    public async Task RingAsync_EarlyMedia_183WithIt_Else180()
    {
        using var stack = new DialogTestStack();
        var leg = await EstablishedAsync(stack);

        Assert.True(await leg.RingAsync(null, CancellationToken.None));
        Assert.True(await leg.RingAsync(new FakeLegMedia(holds: false).Local, CancellationToken.None));

        Assert.Single(stack.Transport.Responses(SipStatusCodes.Ringing), r => r.Body.IsEmpty);
        var progress = Assert.Single(stack.Transport.Responses(SipStatusCodes.SessionProgress));
        Assert.Contains("m=audio 5000", Encoding.ASCII.GetString(progress.Body.Span), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Establish_FromSeveralFlowsAtOnce_OneDialog_OneToTag()
    {
        using var stack = new DialogTestStack();
        for (var round = 0; round < 20; round++)
        {
            var leg = await OfferedAsync(stack);
            var before = stack.Dialogs.Count;
            using var start = new Barrier(4);

            // Ringing, answering and an explicit Establish from several flows at once all open the caller's dialog.
            var made = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() =>
            {
                start.SignalAndWait();
                return leg.Establish(DialogTestStack.LocalContact);
            })));

            Assert.Single(made.Distinct());
            Assert.Equal(before + 1, stack.Dialogs.Count);
        }
    }

    [Fact]
    public async Task RejectAsync_NoDialogYet_FinalResponseWithItsOwnTag_OnlyOnce()
    {
        using var stack = new DialogTestStack();
        var leg = await OfferedAsync(stack);

        await leg.RejectAsync(LegEndCause.Busy, CancellationToken.None);
        await leg.RejectAsync(LegEndCause.Failed, CancellationToken.None);

        var busy = Assert.Single(stack.Transport.Responses(SipStatusCodes.BusyHere));
        Assert.NotNull(busy.To.Tag);
        Assert.Empty(stack.Transport.Responses(SipStatusCodes.ServerInternalError));
        Assert.False(await leg.RingAsync(null, CancellationToken.None));
    }

    [Fact]
    public async Task RejectAsync_MediaRejected_488SaysWhyInAWarning()
    {
        using var stack = new DialogTestStack();
        var leg = await OfferedAsync(stack);

        await leg.RejectAsync(LegEndCause.MediaRejected, CancellationToken.None);

        var refused = Assert.Single(stack.Transport.Responses(SipStatusCodes.NotAcceptableHere));
        Assert.True(refused.Headers.TryGetFirst("Warning", out var warning));
        Assert.StartsWith("304 ", warning.GetValueString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task RejectAsync_Ringing_FinalResponseInTheEarlyDialog()
    {
        using var stack = new DialogTestStack();
        var leg = await EstablishedAsync(stack);
        await leg.RingAsync(null, CancellationToken.None);

        await leg.RejectAsync(LegEndCause.Cancelled, CancellationToken.None);

        var ended = Assert.Single(stack.Transport.Responses(SipStatusCodes.RequestTerminated));
        Assert.Equal(leg.Dialog!.Id.LocalTag, ended.To.Tag);
        Assert.Empty(stack.Transport.Requests(SipMethod.Bye));
    }

    [Fact]
    public async Task HangUpAsync_Answered_ByeWithTheSessionTimerAnnouncedInThe200()
    {
        using var stack = new DialogTestStack();
        var leg = await EstablishedAsync(stack, "Supported: timer", "Session-Expires: 1800");
        Assert.True(await leg.AnswerAsync(new FakeLegMedia(holds: false).Local!, CancellationToken.None));
        Assert.True(leg.IsAnswered);

        await leg.HangUpAsync(CancellationToken.None);

        var ok = Assert.Single(stack.Transport.Responses(SipStatusCodes.OK));
        Assert.True(ok.Headers.TryGetFirst("Session-Expires", out var expires));
        Assert.StartsWith("1800", expires.GetValueString(), StringComparison.Ordinal);
        Assert.Single(stack.Transport.Requests(SipMethod.Bye));
        Assert.Empty(stack.Transport.Responses(SipStatusCodes.TemporarilyUnavailable));
    }

    [Fact]
    public async Task OnCancel_BeforeTheEngineAttached_ReportedOnAttach_Once()
    {
        using var stack = new DialogTestStack();
        var leg = await OfferedAsync(stack);
        var events = new RecordingLegEvents();

        leg.OnCancel();
        leg.Attach(events);
        leg.OnCancel();

        var ended = Assert.Single(events.Ended);
        Assert.Equal(LegEndCause.Cancelled, ended.Cause);
        Assert.True(ended.ByPeer);
    }

    [Fact]
    public async Task OnCancel_BeforeTheAnswer_NotAnswered_EndedOnce_The487Follows()
    {
        using var stack = new DialogTestStack();
        var leg = await EstablishedAsync(stack);
        var events = new RecordingLegEvents();
        leg.Attach(events);
        await leg.RingAsync(null, CancellationToken.None);

        leg.OnCancel();
        var answered = await leg.AnswerAsync(new FakeLegMedia(holds: false).Local!, CancellationToken.None);
        await leg.RejectAsync(LegEndCause.Cancelled, CancellationToken.None);

        Assert.False(answered);
        Assert.False(leg.IsAnswered);
        Assert.Empty(stack.Transport.Responses(SipStatusCodes.OK));
        Assert.Single(stack.Transport.Responses(SipStatusCodes.RequestTerminated));
        Assert.Equal(LegEndCause.Cancelled, Assert.Single(events.Ended).Cause);
    }

    [Fact]
    public async Task OnCancel_AfterThe200WentOut_ChangesNothing()
    {
        using var stack = new DialogTestStack();
        var leg = await EstablishedAsync(stack);
        var events = new RecordingLegEvents();
        leg.Attach(events);

        Assert.True(await leg.AnswerAsync(new FakeLegMedia(holds: false).Local!, CancellationToken.None));
        leg.OnCancel();

        Assert.True(leg.IsAnswered);
        Assert.Empty(events.Ended);
    }

    private static async Task<ServerLegSession> OfferedAsync(DialogTestStack stack, params string[] extra)
    {
        var invite = DialogTestStack.PeerRequest("INVITE", 10, "c-" + SipIds.NewTag(), null, ["Contact: " + DialogTestStack.PeerContact, .. extra]);
        await stack.DeliverAsync(invite);
        var transaction = stack.Sessions.Invites[^1].Transaction;
        var session = SessionTimerNegotiation.Answer(invite, new SessionTimerPolicy(1800, 90), (_, _, _) => throw new InvalidOperationException("refused"));
        return new ServerLegSession(stack.Dialogs, transaction, session, _ => { }, new LegDirectory());
    }

    private static async Task<ServerLegSession> EstablishedAsync(DialogTestStack stack, params string[] extra)
    {
        var leg = await OfferedAsync(stack, extra);
        leg.Establish(DialogTestStack.LocalContact);
        return leg;
    }
}
