using System.Diagnostics.Metrics;
using System.Text.Json;
using ContactCenter.Crm.Model;
using ContactCenter.Crm.Persistence;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ContactCenter.Crm.Outbox;

/// <summary>
/// Publishes outbox messages to the bus in creation order and marks them published. A database or
/// broker outage leaves them in the table; they go out when both are back (delayed, never lost).
/// The outbox row id is the bus MessageId, so consumers drop a message published twice.
/// </summary>
public sealed partial class OutboxPublisher(
    IServiceScopeFactory scopes,
    OutboxSignal signal,
    IOptions<OutboxOptions> options,
    TimeProvider time,
    ILogger<OutboxPublisher> logger,
    CrmMetrics metrics) : BackgroundService
{
    /// <summary>Publishes one batch; returns how many messages went out.</summary>
    public async Task<int> PublishPendingAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CrmDbContext>();
        var bus = scope.ServiceProvider.GetRequiredService<IPublishEndpoint>();
        return await db.Database.CreateExecutionStrategy().ExecuteAsync(ct => PublishBatchAsync(db, bus, ct), cancellationToken);
    }

    private async Task<int> PublishBatchAsync(CrmDbContext db, IPublishEndpoint bus, CancellationToken cancellationToken)
    {
        db.ChangeTracker.Clear();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        // SKIP LOCKED lets several hosts share one outbox without publishing a message twice at once.
        var pending = await db.Outbox
            .FromSql($"SELECT * FROM outbox_messages WHERE published_at IS NULL ORDER BY sequence LIMIT {options.Value.BatchSize} FOR UPDATE SKIP LOCKED")
            .ToListAsync(cancellationToken);

        var published = 0;
        foreach (var message in pending)
        {
            if (!await TryPublishAsync(bus, message, cancellationToken))
            {
                break; // keep order: the rest waits for the next pass
            }

            published++;
        }

        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        metrics.OutboxPublished(published);
        return published;
    }

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var backoff = TimeSpan.Zero;
        while (!stoppingToken.IsCancellationRequested)
        {
            var published = 0;
            try
            {
                published = await PublishPendingAsync(stoppingToken);
                if (backoff > TimeSpan.Zero)
                {
                    LogPassRecovered(logger);
                }

                backoff = TimeSpan.Zero;
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
#pragma warning disable CA1031 // Any failure of a pass (database or broker outage, EF's retry giving up) leaves the
                               // messages queued; the publisher must outlive every outage, never stop the host.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                if (backoff == TimeSpan.Zero)
                {
                    LogPassFailed(logger, ex);
                }

                backoff = NextBackoff(backoff);
                metrics.OutboxPassFailed();
            }

            try
            {
                if (backoff > TimeSpan.Zero)
                {
                    await Task.Delay(backoff, time, stoppingToken);
                }
                else if (published < options.Value.BatchSize)
                {
                    await signal.WaitAsync(options.Value.PollInterval, stoppingToken);
                }
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    /// <summary>The wait after a failed pass: doubles from the poll interval up to <see cref="OutboxOptions.MaxBackoff"/>.</summary>
    internal TimeSpan NextBackoff(TimeSpan current)
    {
        var next = current == TimeSpan.Zero ? options.Value.PollInterval : current * 2;
        return next > options.Value.MaxBackoff ? options.Value.MaxBackoff : next;
    }

    private async Task<bool> TryPublishAsync(IPublishEndpoint bus, OutboxMessage message, CancellationToken cancellationToken)
    {
        var type = OutboxMessageTypes.Resolve(message.MessageType);
        if (type is null)
        {
            // Not a contract (should never happen): park it with an error rather than block the queue.
            message.Attempts++;
            message.LastError = "Unknown message type.";
            message.PublishedAt = time.GetUtcNow();
            LogUnknownType(logger, message.Id, message.MessageType);
            return true;
        }

        try
        {
            var payload = JsonSerializer.Deserialize(message.Payload, type, OutboxMessageTypes.JsonOptions)!;
            await bus.Publish(payload, type, context => context.MessageId = message.Id, cancellationToken);
            message.PublishedAt = time.GetUtcNow();
            return true;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            message.Attempts++;
            message.LastError = ex.Message.Length > 2000 ? ex.Message[..2000] : ex.Message;
            LogPublishFailed(logger, message.Id, message.MessageType, ex);
            return false;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Outbox pass failed; messages stay queued and are retried until the database and the broker are back")]
    private static partial void LogPassFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Information, Message = "Outbox publishing again after an outage")]
    private static partial void LogPassRecovered(ILogger logger);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Outbox message {MessageId} of type {MessageType} could not be published; will retry")]
    private static partial void LogPublishFailed(ILogger logger, Guid messageId, string messageType, Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "Outbox message {MessageId} has unknown type {MessageType}; parked")]
    private static partial void LogUnknownType(ILogger logger, Guid messageId, string messageType);
}
