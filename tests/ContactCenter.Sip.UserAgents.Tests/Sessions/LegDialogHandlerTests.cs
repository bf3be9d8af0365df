using System.Text;
using ContactCenter.Sessions;
using ContactCenter.Sip.Syntax;
using ContactCenter.Sip.UserAgents.Sessions;
using ContactCenter.Sip.UserAgents.Tests.Dialogs;

namespace ContactCenter.Sip.UserAgents.Tests.Sessions;

/// <summary>
/// A REFER in a leg's dialog, served by the session layer (RFC 3515, RFC 3891): a transfer request in call terms to the
/// engine, 202 and NOTIFY 100 when taken on, the final sipfrag when the engine reports the outcome, 403/400/481 otherwise.
/// </summary>
public sealed class LegDialogHandlerTests : IDisposable
{
    private readonly DialogTestStack _stack = new();
    private readonly LegDirectory _directory = new();
    private readonly RecordingLegEvents _events = new();

    [Fact]
    public async Task BlindRefer_TakenOn_202AndNotify100_ThenTheOutcomeAsAFinalSipfrag()
    {
        var leg = await AnsweredLegAsync("c-" + SipIds.NewTag());
        _events.AcceptTransfers = true;

        await ReferAsync(leg, "<sip:1002@192.0.2.1>");

        Assert.True(Sent(SipMethod.Notify, 1));
        var request = Assert.Single(_events.Transfers);
        Assert.Equal(LegTarget.Extension("1002"), request.Target);
        Assert.Null(request.Replaces);
        Assert.Single(_stack.Transport.Responses(SipStatusCodes.Accepted));
        Assert.Contains("SIP/2.0 100 Trying", Body(Assert.Single(_stack.Transport.Requests(SipMethod.Notify))), StringComparison.Ordinal);

        await leg.ReportTransferAsync(TransferProgress.Succeeded, CancellationToken.None);

        Assert.True(Sent(SipMethod.Notify, 2));
        var final = _stack.Transport.Requests(SipMethod.Notify)[^1];
        Assert.Contains("SIP/2.0 200 OK", Body(final), StringComparison.Ordinal);
        Assert.True(final.Headers.TryGetFirst("Subscription-State", out var state));
        Assert.StartsWith("terminated", state.GetValueString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Refer_TheEngineRefuses_403_NoNotify()
    {
        var leg = await AnsweredLegAsync("c-" + SipIds.NewTag());

        await ReferAsync(leg, "<sip:1002@192.0.2.1>");

        Assert.True(Answered(SipStatusCodes.Forbidden));
        Assert.Empty(_stack.Transport.Requests(SipMethod.Notify));
        await leg.ReportTransferAsync(TransferProgress.Failed, CancellationToken.None);
        Assert.Empty(_stack.Transport.Requests(SipMethod.Notify));
    }

    [Fact]
    public async Task Refer_WithoutATarget_400()
    {
        var leg = await AnsweredLegAsync("c-" + SipIds.NewTag());
        _events.AcceptTransfers = true;

        await ReferAsync(leg, "<sip:192.0.2.1>");

        Assert.True(Answered(SipStatusCodes.BadRequest));
        Assert.Empty(_events.Transfers);
    }

    [Fact]
    public async Task ReplacesNamingAListedLeg_AttendedRequestWithThatLeg_UnknownOne481()
    {
        var consultation = await AnsweredLegAsync("consult-1");
        var leg = await AnsweredLegAsync("c-" + SipIds.NewTag());
        _events.AcceptTransfers = true;

        await ReferAsync(leg, $"<sip:1002@192.0.2.1?Replaces=consult-1%3Bto-tag%3Dx%3Bfrom-tag%3D{DialogTestStack.PeerTag}>");
        await ReferAsync(leg, $"<sip:1002@192.0.2.1?Replaces=other-call%3Bto-tag%3Dx%3Bfrom-tag%3D{DialogTestStack.PeerTag}>", cseq: 12);

        Assert.True(Answered(SipStatusCodes.Accepted) && Answered(SipStatusCodes.CallOrTransactionDoesNotExist));
        var request = Assert.Single(_events.Transfers);
        Assert.Same(consultation, request.Replaces);
    }

    [Fact]
    public async Task LegHungUp_NoLongerListedForReplaces()
    {
        var leg = await AnsweredLegAsync("consult-2");
        Assert.Same(leg, _directory.Find("consult-2", DialogTestStack.PeerTag));

        await leg.HangUpAsync(CancellationToken.None);

        Assert.Null(_directory.Find("consult-2", DialogTestStack.PeerTag));
    }

    public void Dispose() => _stack.Dispose();

    private async Task<ServerLegSession> AnsweredLegAsync(string callId)
    {
        await _stack.DeliverAsync(DialogTestStack.PeerRequest("INVITE", 10, callId, null, "Contact: " + DialogTestStack.PeerContact));
        var leg = new ServerLegSession(_stack.Dialogs, _stack.Sessions.Invites[^1].Transaction, null, _ => { }, _directory);
        leg.Establish(DialogTestStack.LocalContact);
        leg.Attach(_events);
        Assert.True(await leg.AnswerAsync(new FakeLegMedia(holds: false).Local!, CancellationToken.None));
        return leg;
    }

    private Task ReferAsync(ServerLegSession leg, string referTo, uint cseq = 11) =>
        _stack.DeliverAsync(DialogTestStack.PeerRequest("REFER", cseq, leg.Id, leg.Dialog!.Id.LocalTag, "Refer-To: " + referTo,
            "Contact: " + DialogTestStack.PeerContact)).AsTask();

    /// <summary>Waits (bounded, real time: the dialog layer serves requests on its own tasks) until a response with <paramref name="status"/> went out.</summary>
    private bool Answered(int status) => SpinWait.SpinUntil(() => _stack.Transport.Responses(status).Count > 0, TimeSpan.FromSeconds(5));

    private bool Sent(SipMethod method, int count) => SpinWait.SpinUntil(() => _stack.Transport.Requests(method).Count >= count, TimeSpan.FromSeconds(5));

    private static string Body(SipRequest request) => Encoding.ASCII.GetString(request.Body.Span);
}
