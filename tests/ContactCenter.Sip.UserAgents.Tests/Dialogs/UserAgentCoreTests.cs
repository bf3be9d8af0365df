using ContactCenter.Sip.Syntax;

namespace ContactCenter.Sip.UserAgents.Tests.Dialogs;

public sealed class UserAgentCoreTests
{
    [Fact]
    public async Task OnRequestAsync_ByeWithUnknownToTag_Answered481()
    {
        using var stack = new DialogTestStack();

        await stack.DeliverAsync(DialogTestStack.PeerRequest("BYE", 2, "nobody@192.0.2.10", "never-issued"));

        var answer = Assert.Single(stack.Transport.Sent);
        Assert.Equal("481", answer.Summary);
        Assert.Equal("never-issued", answer.Message.To.Tag);
        Assert.Equal(DialogTestStack.Peer, answer.Destination);
    }

    [Fact]
    public async Task OnRequestAsync_TaggedRequestWithoutDialogLayer_Answered481()
    {
        using var stack = new DialogTestStack(withDialogs: false);

        await stack.DeliverAsync(DialogTestStack.PeerRequest("INFO", 2, "nobody@192.0.2.10", "never-issued"));

        Assert.Equal(["481"], stack.Transport.Sent.Select(s => s.Summary));
    }

    [Fact]
    public async Task OnRequestAsync_OutOfDialogInviteWithoutCallEngine_Answered405()
    {
        using var stack = new DialogTestStack(withSessions: false);

        await stack.DeliverAsync(DialogTestStack.PeerRequest("INVITE", 1, "new-call@192.0.2.10", null, "Contact: " + DialogTestStack.PeerContact));

        var answer = (SipResponse)Assert.Single(stack.Transport.Sent).Message;
        Assert.Equal(SipStatusCodes.MethodNotAllowed, answer.StatusCode);
        Assert.True(answer.Headers.Contains("Allow"));
    }

    [Fact]
    public async Task OnRequestAsync_OptionsWithToTag_StillAnswered200()
    {
        using var stack = new DialogTestStack();

        await stack.DeliverAsync(DialogTestStack.PeerRequest("OPTIONS", 3, "keepalive@192.0.2.10", "some-tag"));

        Assert.Equal(["200"], stack.Transport.Sent.Select(s => s.Summary));
    }

    [Fact]
    public async Task OnAckAsync_AckForUnknownDialog_NothingSent()
    {
        using var stack = new DialogTestStack();

        await stack.DeliverAsync(DialogTestStack.PeerRequest("ACK", 1, "nobody@192.0.2.10", "never-issued"));

        Assert.Empty(stack.Transport.Sent);
    }
}
