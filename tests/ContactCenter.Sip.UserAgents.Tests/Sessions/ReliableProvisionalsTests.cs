using System.Globalization;
using ContactCenter.Sip.Syntax;
using ContactCenter.Sip.UserAgents.Sessions;
using ContactCenter.Sip.UserAgents.Tests.Dialogs;

namespace ContactCenter.Sip.UserAgents.Tests.Sessions;

/// <summary>
/// RFC 3262 as the INVITE's UAS for a caller that requires it: the 18x goes with Require: 100rel and an RSeq, is
/// retransmitted at T1, 2T1, 4T1... until its PRACK (200), a PRACK naming another RSeq gets 481, and the 200 waits for
/// the PRACK of a 183 that carried our answer.
/// </summary>
public sealed class ReliableProvisionalsTests : IDisposable
{
    private readonly DialogTestStack _stack = new();

    [Fact]
    public async Task Ringing_Reliable_RetransmittedUntilItsPrack_Then200ToThePrack()
    {
        var leg = await LegAsync();

        Assert.True(await leg.RingAsync(null, CancellationToken.None));
        var ringing = Assert.Single(_stack.Transport.Responses(SipStatusCodes.Ringing));
        Assert.True(ringing.Headers.TryGetFirst("Require", out var require));
        Assert.Equal("100rel", require.GetValueString());
        var rseq = RSeq(ringing);

        _stack.Advance(TimeSpan.FromSeconds(1.6));
        Assert.Equal([0, 0.5, 1.5], _stack.SendTimes("180"));

        await PrackAsync(leg, rseq + 1);
        Assert.True(Answered(SipStatusCodes.CallOrTransactionDoesNotExist));
        await PrackAsync(leg, rseq, cseq: 12);
        Assert.True(Answered(SipStatusCodes.OK));

        _stack.Advance(TimeSpan.FromSeconds(10));
        Assert.Equal(3, _stack.SendTimes("180").Length);
    }

    [Fact]
    public async Task EarlyMediaReliable_The200WaitsForThePrack()
    {
        var leg = await LegAsync();
        var media = new FakeLegMedia(holds: false).Local!;
        Assert.True(await leg.RingAsync(media, CancellationToken.None));
        var progress = Assert.Single(_stack.Transport.Responses(SipStatusCodes.SessionProgress));

        var answering = leg.AnswerAsync(media, CancellationToken.None).AsTask();
        Assert.False(answering.IsCompleted);
        Assert.Empty(_stack.Transport.Responses(SipStatusCodes.OK));

        await PrackAsync(leg, RSeq(progress));

        Assert.True(await answering.WaitAsync(TimeSpan.FromSeconds(5)));
        Assert.Equal(2, _stack.Transport.Responses(SipStatusCodes.OK).Count);
    }

    [Fact]
    public async Task NoPrackAtAll_GivenUpAfter64T1_TheAnswerGoesOut()
    {
        var leg = await LegAsync();
        var media = new FakeLegMedia(holds: false).Local!;
        await leg.RingAsync(media, CancellationToken.None);
        var answering = leg.AnswerAsync(media, CancellationToken.None).AsTask();

        _stack.Advance(TimeSpan.FromSeconds(33));

        Assert.True(await answering.WaitAsync(TimeSpan.FromSeconds(5)));
        Assert.Equal(7, _stack.SendTimes("183").Length);
    }

    public void Dispose() => _stack.Dispose();

    private async Task<ServerLegSession> LegAsync()
    {
        var invite = DialogTestStack.PeerRequest("INVITE", 10, "rel-" + SipIds.NewTag(), null, "Contact: " + DialogTestStack.PeerContact, "Require: 100rel",
            "Supported: 100rel");
        await _stack.DeliverAsync(invite);
        var transaction = _stack.Sessions.Invites[^1].Transaction;
        Assert.True(ReliableProvisionals.AreRequired(invite));
        var leg = new ServerLegSession(_stack.Dialogs, transaction, null, _ => { }, new LegDirectory(),
            reliable: new ReliableProvisionals(_stack.Dialogs, transaction, _stack.Time, TimeSpan.FromMilliseconds(500)));
        leg.Establish(DialogTestStack.LocalContact);
        return leg;
    }

    private Task PrackAsync(ServerLegSession leg, uint rseq, uint cseq = 11) =>
        _stack.DeliverAsync(DialogTestStack.PeerRequest("PRACK", cseq, leg.Id, leg.Dialog!.Id.LocalTag,
            "RAck: " + rseq.ToString(CultureInfo.InvariantCulture) + " 10 INVITE")).AsTask();

    private bool Answered(int status) => SpinWait.SpinUntil(() => _stack.Transport.Responses(status).Count > 0, TimeSpan.FromSeconds(5));

    private static uint RSeq(SipResponse response)
    {
        Assert.True(response.Headers.TryGetFirst("RSeq", out var header));
        return uint.Parse(header.GetValueString(), CultureInfo.InvariantCulture);
    }
}
