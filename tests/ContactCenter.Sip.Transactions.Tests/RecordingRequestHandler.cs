using ContactCenter.Sip.Syntax;
using ContactCenter.Sip.Transport;

namespace ContactCenter.Sip.Transactions.Tests;

/// <summary>A TU that records what the layer hands it and answers as a test tells it to.</summary>
internal sealed class RecordingRequestHandler : ISipRequestHandler
{
    public List<(SipServerTransaction Transaction, SipInboundMessage Request)> Requests { get; } = [];

    public List<SipInboundMessage> Acks { get; } = [];

    public List<SipInboundMessage> StrayResponses { get; } = [];

    public List<(SipServerTransaction Invite, SipInboundMessage Cancel)> Cancels { get; } = [];

    public List<(SipServerTransaction Transaction, SipTransactionError Reason)> Failures { get; } = [];

    /// <summary>How the TU answers a new request; by default it does not (a slow TU).</summary>
    public Func<SipServerTransaction, SipInboundMessage, ValueTask>? OnRequest { get; set; }

    /// <summary>Makes the TU answer every new request at once with <paramref name="statusCode"/>.</summary>
    public void AnswerWith(int statusCode) =>
        OnRequest = async (tx, inbound) => await tx.SendResponseAsync(TestStack.Response((SipRequest)inbound.Message, statusCode), CancellationToken.None);

    public async ValueTask OnRequestAsync(SipServerTransaction transaction, SipInboundMessage request, CancellationToken cancellationToken)
    {
        Requests.Add((transaction, request));
        if (OnRequest is not null)
        {
            await OnRequest(transaction, request);
        }
    }

    public ValueTask OnAckAsync(SipInboundMessage ack, CancellationToken cancellationToken)
    {
        Acks.Add(ack);
        return ValueTask.CompletedTask;
    }

    public ValueTask OnStrayResponseAsync(SipInboundMessage response, CancellationToken cancellationToken)
    {
        StrayResponses.Add(response);
        return ValueTask.CompletedTask;
    }

    public ValueTask OnCancelAsync(SipServerTransaction inviteTransaction, SipInboundMessage cancel, CancellationToken cancellationToken)
    {
        Cancels.Add((inviteTransaction, cancel));
        return ValueTask.CompletedTask;
    }

    public void OnServerTransactionFailed(SipServerTransaction transaction, SipTransactionError reason) => Failures.Add((transaction, reason));
}
