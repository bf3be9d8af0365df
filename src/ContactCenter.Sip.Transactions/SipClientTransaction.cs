using System.Threading.Channels;
using ContactCenter.Sip.Syntax;
using ContactCenter.Sip.Transport;

namespace ContactCenter.Sip.Transactions;

/// <summary>
/// A client transaction (RFC 3261 §17.1). Every response passed to the TU appears on <see cref="Responses"/>
/// (provisional ones, the final one, and for INVITE later 2xx from the Accepted state); <see cref="Outcome"/>
/// completes with the first final response or a local 408/503.
/// </summary>
public abstract class SipClientTransaction : SipTransaction
{
    /// <summary>How many responses wait on <see cref="Responses"/> before the oldest is dropped (a TU that never reads stays bounded).</summary>
    internal const int ResponseBacklog = 64;

    private readonly Channel<SipResponse> _responses = Channel.CreateBounded<SipResponse>(
        new BoundedChannelOptions(ResponseBacklog) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = false, SingleWriter = false });

    private readonly TaskCompletionSource<SipClientOutcome> _outcome = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private protected SipClientTransaction(SipTransactionLayer layer, SipTransactionKind kind, SipRequest request, SipEndPoint destination,
        SipTransactionState initialState)
        : base(layer, kind, request, destination, initialState)
    {
    }

    /// <summary>
    /// The responses passed to the TU, in order; completes when the transaction terminates. At most
    /// <c>64</c> unread responses are kept (the oldest go first); <see cref="Outcome"/> always holds the final one.
    /// </summary>
    public ChannelReader<SipResponse> Responses => _responses.Reader;

    /// <summary>The final outcome: the first final response, or a local 408 (timeout) or 503 (transport error).</summary>
    public Task<SipClientOutcome> Outcome => _outcome.Task;

    /// <summary>Arms the first timers and sends the request.</summary>
    internal async ValueTask StartAsync(CancellationToken cancellationToken)
    {
        lock (Gate)
        {
            StartTimersLocked();
        }

        await SendAsync(Request, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Arms the retransmission (UDP only) and timeout timers. Called under <see cref="SipTransaction.Gate"/>.</summary>
    private protected abstract void StartTimersLocked();

    /// <summary>A response matched this transaction (RFC 3261 §17.1.3).</summary>
    internal abstract void OnResponse(SipResponse response);

    /// <summary>Passes a response to the TU. Call under <see cref="SipTransaction.Gate"/>.</summary>
    private protected void PassToUserLocked(SipResponse response)
    {
        _responses.Writer.TryWrite(response);
        if (!response.IsProvisional)
        {
            _outcome.TrySetResult(new SipClientOutcome(response, SipTransactionError.None));
        }
    }

    /// <inheritdoc />
    private protected override void OnTerminatedLocked(SipTransactionError error)
    {
        if (!_outcome.Task.IsCompleted)
        {
            // RFC 3261 §17.1.1.2 / §8.1.3.1: a timeout is reported as 408, a transport error as 503.
            var local = TransactionMessages.Local(Request,
                error == SipTransactionError.TransportError ? SipStatusCodes.ServiceUnavailable : SipStatusCodes.RequestTimeout);
            _responses.Writer.TryWrite(local);
            _outcome.TrySetResult(new SipClientOutcome(local, error == SipTransactionError.None ? SipTransactionError.Timeout : error));
        }

        _responses.Writer.TryComplete();
    }

    /// <inheritdoc />
    private protected override void OnTransportError()
    {
        lock (Gate)
        {
            TerminateLocked(SipTransactionError.TransportError);
        }
    }
}
