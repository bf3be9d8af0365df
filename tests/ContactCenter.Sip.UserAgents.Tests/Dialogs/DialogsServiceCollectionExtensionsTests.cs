using ContactCenter.Sip.Syntax;
using ContactCenter.Sip.Transactions;
using ContactCenter.Sip.Transport;
using ContactCenter.Sip.UserAgents.Core;
using ContactCenter.Sip.UserAgents.Dialogs;
using ContactCenter.Sip.UserAgents.Registration;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace ContactCenter.Sip.UserAgents.Tests.Dialogs;

public sealed class DialogsServiceCollectionExtensionsTests
{
    [Fact]
    public async Task AddSipDialogs_ComposedLikeTheHost_CoreSendsByeOfKnownDialogToTheManager()
    {
        var config = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Sip:Registrar:Realm"] = "pbx.test" }).Build();
        var transport = new FakeTransport(TimeProvider.System, DateTimeOffset.UtcNow);
        var services = new ServiceCollection().AddLogging();
        services.AddSingleton<ISipTransport>(transport);
        services.AddSipRegistrar(config);
        services.AddOptions<UserAgentCoreOptions>();
        services.AddSingleton<ISipRequestHandler, UserAgentCore>();
        services.AddSipTransactions(config);
        services.AddSipDialogs();
        await using var provider = services.BuildServiceProvider();
        var layer = provider.GetRequiredService<SipTransactionLayer>();
        var dialogs = provider.GetRequiredService<DialogManager>();
        var invite = DialogTestStack.OurInvite();
        var transaction = await layer.SendInviteAsync(invite, DialogTestStack.Peer, CancellationToken.None);
        var dialog = dialogs.OnInviteResponse(transaction, DialogTestStack.PeerResponse(invite, SipStatusCodes.OK, DialogTestStack.PeerContact))!;

        await layer.HandleAsync(new SipInboundMessage(DialogTestStack.PeerRequest("BYE", 5, invite.CallId, invite.From.Tag), DialogTestStack.Peer,
            FakeTransport.LocalUdp, DateTimeOffset.UtcNow), CancellationToken.None);

        Assert.Single(transport.Responses(SipStatusCodes.OK), r => r.CSeq.Method == SipMethod.Bye);
        Assert.Equal(DialogTerminationReason.RemoteBye, await dialog.Terminated);
    }
}
