using ContactCenter.Sip.Transactions;
using ContactCenter.Sip.Transport;
using ContactCenter.Sip.UserAgents.Core;

namespace ContactCenter.Sip.UserAgents.Tests.Dialogs;

/// <summary>A stand-in call engine: takes out-of-dialog INVITEs and keeps them for the test to answer.</summary>
internal sealed class RecordingSessions : ISessionRequestHandler
{
    private readonly List<(SipServerTransaction Transaction, SipInboundMessage Request)> _invites = [];

    public IReadOnlyCollection<string> Methods { get; } = ["INVITE"];

    public IReadOnlyCollection<string> OptionTags { get; } = ["100rel"];

    public IReadOnlyList<(SipServerTransaction Transaction, SipInboundMessage Request)> Invites => _invites;

    public ValueTask OnRequestAsync(SipServerTransaction transaction, SipInboundMessage request, CancellationToken cancellationToken)
    {
        _invites.Add((transaction, request));
        return ValueTask.CompletedTask;
    }

    public ValueTask OnAckAsync(SipInboundMessage ack, CancellationToken cancellationToken) => ValueTask.CompletedTask;

    public ValueTask OnStrayResponseAsync(SipInboundMessage response, CancellationToken cancellationToken) => ValueTask.CompletedTask;

    public ValueTask OnCancelAsync(SipServerTransaction inviteTransaction, SipInboundMessage cancel, CancellationToken cancellationToken) =>
        ValueTask.CompletedTask;

    public void OnServerTransactionFailed(SipServerTransaction transaction, SipTransactionError reason)
    {
    }
}
