using System.Collections.Concurrent;
using ContactCenter.Sip.Syntax;
using ContactCenter.Sip.Syntax.Building;
using ContactCenter.Sip.Transport;
using ContactCenter.Sip.Transactions.Timing;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ContactCenter.Sip.Transactions;

/// <summary>
/// The transaction layer (RFC 3261 §17). The transport hands it every inbound message; it matches requests to
/// server transactions (§17.2.3) and responses to client transactions (§17.1.3), absorbs retransmissions,
/// answers CANCEL (§9.2), and passes new requests and transaction-less messages to the TU
/// (<see cref="ISipRequestHandler"/>). The TU sends requests through <see cref="SendRequestAsync"/>.
/// </summary>
public sealed class SipTransactionLayer : ISipMessageHandler
{
    private readonly ConcurrentDictionary<ServerTransactionKey, SipServerTransaction> _servers = new();
    private readonly ConcurrentDictionary<ClientTransactionKey, SipClientTransaction> _clients = new();
    private readonly ISipRequestHandler _handler;
    private readonly ILogger _logger;

    /// <summary>
    /// Creates the layer over <paramref name="transport"/>, passing requests to <paramref name="handler"/>, with a timer
    /// wheel of its own over <paramref name="time"/>.
    /// </summary>
    public SipTransactionLayer(ISipTransport transport, ISipRequestHandler handler, IOptions<SipTimerOptions> options, TimeProvider time,
        ILogger<SipTransactionLayer> logger, SipTransactionsMetrics metrics)
        : this(transport, handler, options, time, logger, metrics, null)
    {
    }

    /// <summary>
    /// Creates the layer over <paramref name="transport"/>, passing requests to <paramref name="handler"/>; its
    /// transaction timers live in <paramref name="wheel"/> (shared with dialog and session timers), or in a wheel of
    /// its own over <paramref name="time"/> when null.
    /// </summary>
    public SipTransactionLayer(ISipTransport transport, ISipRequestHandler handler, IOptions<SipTimerOptions> options, TimeProvider time,
        ILogger<SipTransactionLayer> logger, SipTransactionsMetrics metrics, SipTimerWheel? wheel)
    {
        ArgumentNullException.ThrowIfNull(transport);
        ArgumentNullException.ThrowIfNull(handler);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(logger);
        ArgumentNullException.ThrowIfNull(metrics);
        Transport = transport;
        _handler = handler;
        Timers = options.Value;
        Time = time;
        _logger = logger;
        Metrics = metrics;
        Wheel = wheel ?? new SipTimerWheel(time, Timers.TimerResolution);
    }

    /// <summary>Server and client transactions currently in the tables.</summary>
    public int ActiveTransactionCount => _servers.Count + _clients.Count;

    internal ISipTransport Transport { get; }

    internal SipTimerOptions Timers { get; }

    internal TimeProvider Time { get; }

    /// <summary>Where the transactions' timers wait (RFC 3261 §17 timers A-M and the 100 Trying delay).</summary>
    internal SipTimerWheel Wheel { get; }

    internal SipTransactionsMetrics Metrics { get; }

    /// <summary>
    /// Starts a client transaction for <paramref name="request"/> and sends it to <paramref name="destination"/>.
    /// The request must carry a top Via with an RFC 3261 branch (<see cref="SipIds.NewBranch()"/>). The returned
    /// transaction reports responses on <see cref="SipClientTransaction.Responses"/> and the outcome on
    /// <see cref="SipClientTransaction.Outcome"/>; for INVITE it is a <see cref="ClientInviteTransaction"/>.
    /// ACK is not sent through a transaction: the TU sends the ACK for a 2xx straight to the transport.
    /// </summary>
    public async Task<SipClientTransaction> SendRequestAsync(SipRequest request, SipEndPoint destination, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(destination);
        if (request.Method == SipMethod.Ack)
        {
            throw new ArgumentException("ACK has no client transaction (RFC 3261 §17.1.1.3); send the ACK for a 2xx through the transport.", nameof(request));
        }

        if (request.Vias.Count == 0 || !request.TopVia.HasRfc3261Branch)
        {
            throw new ArgumentException("The request needs a top Via with a branch starting with z9hG4bK (RFC 3261 §8.1.1.7).", nameof(request));
        }

        SipClientTransaction transaction = request.Method == SipMethod.Invite
            ? new ClientInviteTransaction(this, request, destination)
            : new ClientNonInviteTransaction(this, request, destination);
        if (!_clients.TryAdd(ClientTransactionKey.For(request), transaction))
        {
            throw new InvalidOperationException($"A client transaction with branch {transaction.Branch} and method {request.Method} already exists.");
        }

        Created(transaction);
        await transaction.StartAsync(cancellationToken).ConfigureAwait(false);
        return transaction;
    }

    /// <summary>Starts an INVITE client transaction; see <see cref="SendRequestAsync"/>.</summary>
    public async Task<ClientInviteTransaction> SendInviteAsync(SipRequest invite, SipEndPoint destination, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(invite);
        if (invite.Method != SipMethod.Invite)
        {
            throw new ArgumentException("The request is not an INVITE.", nameof(invite));
        }

        return (ClientInviteTransaction)await SendRequestAsync(invite, destination, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public ValueTask HandleAsync(SipInboundMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        return message.Message switch
        {
            SipRequest request => HandleRequestAsync(message, request, cancellationToken),
            SipResponse response => HandleResponseAsync(message, response, cancellationToken),
            _ => ValueTask.CompletedTask,
        };
    }

    internal void Remove(SipTransaction transaction, SipTransactionError error)
    {
        var removed = transaction switch
        {
            SipServerTransaction server => _servers.TryRemove(new KeyValuePair<ServerTransactionKey, SipServerTransaction>(
                ServerTransactionKey.For(server.Request), server)),
            SipClientTransaction client => _clients.TryRemove(new KeyValuePair<ClientTransactionKey, SipClientTransaction>(
                ClientTransactionKey.For(client.Request), client)),
            _ => false,
        };
        if (removed)
        {
            Metrics.Removed(transaction.Kind);
        }

        _logger.TransactionTerminated(transaction.Kind, transaction.Branch, transaction.Request.Method.Name, transaction.Request.CallId, error);
    }

    internal void TransactionTimedOut(SipTransaction transaction, string timer) =>
        _logger.TransactionTimedOut(transaction.Kind, transaction.Branch, transaction.Request.Method.Name, transaction.Request.CallId, timer);

    internal void TransportFailed(SipTransaction transaction, Exception? exception) =>
        _logger.TransportFailed(exception, transaction.Kind, transaction.Branch, transaction.Request.Method.Name, transaction.Request.CallId,
            transaction.RemoteEndPoint);

    internal void ReportServerFailure(SipServerTransaction transaction, SipTransactionError error)
    {
        try
        {
            _handler.OnServerTransactionFailed(transaction, error);
        }
#pragma warning disable CA1031 // A failing TU must not break a timer or network path.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            _logger.HandlerFailed(ex, transaction.Request.Method.Name, transaction.Branch, transaction.Request.CallId);
        }
    }

    private async ValueTask HandleRequestAsync(SipInboundMessage inbound, SipRequest request, CancellationToken cancellationToken)
    {
        var key = ServerTransactionKey.For(request);
        if (!request.TopVia.HasRfc3261Branch)
        {
            _logger.LegacyMatching(request.Method.Name, request.TopVia.Branch ?? string.Empty, request.CallId, inbound.Source);
        }

        if (_servers.TryGetValue(key, out var existing))
        {
            if (request.Method != SipMethod.Ack)
            {
                existing.OnRequestRetransmission();
            }
            else if (existing is ServerInviteTransaction invite && invite.OnAck())
            {
                await _handler.OnAckAsync(inbound, cancellationToken).ConfigureAwait(false);
            }

            return;
        }

        if (request.Method == SipMethod.Ack)
        {
            // RFC 3261 §17.2.3: an ACK matching no transaction is the ACK for a 2xx; it belongs to the TU.
            await _handler.OnAckAsync(inbound, cancellationToken).ConfigureAwait(false);
            return;
        }

        SipServerTransaction transaction = request.Method == SipMethod.Invite
            ? new ServerInviteTransaction(this, inbound)
            : new ServerNonInviteTransaction(this, inbound);
        if (!_servers.TryAdd(key, transaction))
        {
            // A retransmission raced us and won; answer as a retransmission.
            if (_servers.TryGetValue(key, out existing))
            {
                existing.OnRequestRetransmission();
            }

            return;
        }

        Created(transaction);
        if (transaction is ServerInviteTransaction inviteTransaction)
        {
            inviteTransaction.Start();
        }

        if (request.Method == SipMethod.Cancel)
        {
            await HandleCancelAsync(transaction, inbound, request, cancellationToken).ConfigureAwait(false);
            return;
        }

        try
        {
            await _handler.OnRequestAsync(transaction, inbound, cancellationToken).ConfigureAwait(false);
        }
#pragma warning disable CA1031 // RFC 3261 §21.5.1: a TU failure is answered 500, and the receive loop goes on.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            _logger.HandlerFailed(ex, request.Method.Name, transaction.Branch, request.CallId);
            await transaction.SendResponseAsync(SipResponseBuilder.ForRequest(request, SipStatusCodes.ServerInternalError, toTag: SipIds.NewTag()).Build(),
                cancellationToken).ConfigureAwait(false);
        }
    }

    private async ValueTask HandleCancelAsync(SipServerTransaction cancelTransaction, SipInboundMessage inbound, SipRequest cancel,
        CancellationToken cancellationToken)
    {
        // RFC 3261 §9.2: the CANCEL matches the INVITE transaction with the same branch and sent-by.
        if (!_servers.TryGetValue(ServerTransactionKey.For(cancel, SipMethod.Invite), out var found) || found is not ServerInviteTransaction invite)
        {
            var notFound = SipResponseBuilder.ForRequest(cancel, SipStatusCodes.CallOrTransactionDoesNotExist, toTag: SipIds.NewTag()).Build();
            _logger.CancelUnmatched(cancelTransaction.Branch, cancel.CallId, inbound.Source, notFound.StatusCode);
            await cancelTransaction.SendResponseAsync(notFound, cancellationToken).ConfigureAwait(false);
            return;
        }

        var ok = SipResponseBuilder.ForRequest(cancel, SipStatusCodes.OK, toTag: invite.ToTag ?? SipIds.NewTag()).Build();
        await cancelTransaction.SendResponseAsync(ok, cancellationToken).ConfigureAwait(false);
        if (invite.TryMarkCancelled())
        {
            await _handler.OnCancelAsync(invite, inbound, cancellationToken).ConfigureAwait(false);
        }
    }

    private async ValueTask HandleResponseAsync(SipInboundMessage inbound, SipResponse response, CancellationToken cancellationToken)
    {
        if (_clients.TryGetValue(ClientTransactionKey.For(response), out var transaction))
        {
            transaction.OnResponse(response);
            return;
        }

        if (response.IsSuccess && response.CSeq.Method == SipMethod.Invite)
        {
            // RFC 3261 §13.2.2.4: 2xx retransmissions outlive the transaction; the dialog layer ACKs them.
            await _handler.OnStrayResponseAsync(inbound, cancellationToken).ConfigureAwait(false);
            return;
        }

        Metrics.StrayResponseDropped();
        _logger.StrayResponseDropped(response.StatusCode, response.TopVia.Branch ?? string.Empty, response.CSeq.Method.Name, response.CallId,
            inbound.Source);
    }

    private void Created(SipTransaction transaction)
    {
        Metrics.Created(transaction.Kind);
        _logger.TransactionCreated(transaction.Kind, transaction.Branch, transaction.Request.Method.Name, transaction.Request.CallId,
            transaction.RemoteEndPoint);
    }
}
