using ContactCenter.Crm.Dialing;
using ContactCenter.Crm.Model;
using ContactCenter.Crm.Outbound;
using ContactCenter.Crm.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ContactCenter.Crm.Dispatch;

/// <summary>
/// The dispatch schedule (<c>Crm:Dispatch:AutoNotify</c>, off by default): one notification call at a time from the
/// dispatcher's phone for today's deliveries not yet notified. A consignee who does not answer is recorded as no-answer
/// by the schedule and tried again after <c>RetryAfter</c>, up to <c>MaxAttempts</c>; an answered call's outcome is the
/// dispatcher's to record. When the dispatcher's own phone is not answered the schedule pauses for <c>RetryAfter</c>
/// rather than ringing an empty desk every round; a call whose result never arrives stops holding the schedule after
/// ten minutes.
/// </summary>
internal sealed partial class DispatchAutoNotifier(IServiceScopeFactory scopes, IOptions<DispatchOptions> options, TimeProvider time,
    ILogger<DispatchAutoNotifier> logger) : BackgroundService
{
    /// <summary>The name the schedule records outcomes under.</summary>
    public const string SystemUser = "system";

    private Task? _following;
    private long _pausedUntilTicks; // UTC ticks; written by a follow-up, read by the schedule's round

    /// <summary>Places the next notification call if the dispatcher's line is free; returns the delivery called, if any.</summary>
    public async Task<Guid?> NotifyNextAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var now = time.GetUtcNow();
        if (_following is { IsCompleted: false } || now.UtcTicks < Interlocked.Read(ref _pausedUntilTicks))
        {
            return null;
        }

        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CrmDbContext>();
        var desk = scope.ServiceProvider.GetRequiredService<DispatchDesk>();
        var busySince = now - DispatchDesk.CallUnderWayFor;
        if (await db.Deliveries.AnyAsync(d => d.Status == DeliveryStatus.Calling && d.LastAttemptAt > busySince, cancellationToken))
        {
            // The dispatcher is on a notification call, or has not recorded the last one's outcome yet.
            return null;
        }

        var today = desk.Today;
        var retryBefore = now - settings.RetryAfter;
        var candidates = await db.Deliveries.AsNoTracking()
            .Where(d => d.PlannedDate == today && d.Attempts < settings.MaxAttempts
                && (d.Status == DeliveryStatus.Planned || (d.Status == DeliveryStatus.NoAnswer && d.LastAttemptAt <= retryBefore)))
            .OrderBy(d => d.Window).ThenBy(d => d.CreatedAt).Select(d => d.Id).Take(20).ToListAsync(cancellationToken);
        foreach (var id in candidates)
        {
            var (result, outcome) = await desk.NotifyCoreAsync(id, null, settings.Agent, SystemUser, cancellationToken);
            if (result is { Succeeded: true, Value: { } call })
            {
                LogPlaced(logger, id, call.Phone, settings.Agent);
                _following = outcome is null ? null : FollowAsync(id, call.CallId, outcome, cancellationToken);
                return id;
            }

            var problem = result.Error;
            LogSkipped(logger, id, problem?.Detail);
            if (problem is { Kind: DeskErrorKind.Conflict } && problem.Title != DoNotCallList.ProblemTitle)
            {
                // The dispatcher's phone is not registered or the number is not allowed: the next ones would fail alike.
                return null;
            }
        }

        return null;
    }

    /// <inheritdoc />
    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        options.Value.AutoNotify
            ? ScheduledRounds.RunAsync(options.Value.Interval, time, NotifyNextAsync, ex => LogFailed(logger, ex), stoppingToken)
            : Task.CompletedTask;

    // No answer from the consignee is recorded by the schedule; a dispatcher who did not answer leaves the delivery as it was.
    private async Task FollowAsync(Guid deliveryId, Guid callId, Task<DialOutcome> outcome, CancellationToken cancellationToken)
    {
        try
        {
            DialOutcome result;
            try
            {
                result = await outcome.WaitAsync(DispatchDesk.CallUnderWayFor, time, cancellationToken).ConfigureAwait(false);
            }
            catch (TimeoutException)
            {
                // The engine never said how the call went: the delivery goes back to the schedule's no-answer retries (an
                // outcome the dispatcher records still overrides it).
                LogNoResult(logger, deliveryId, callId, DispatchDesk.CallUnderWayFor);
                result = DialOutcome.ClientMissed;
            }

            await FollowCoreAsync(deliveryId, callId, result, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            LogFollowFailed(logger, ex, deliveryId, callId);
        }
    }

    private async Task FollowCoreAsync(Guid deliveryId, Guid callId, DialOutcome result, CancellationToken cancellationToken)
    {
        if (result == DialOutcome.Connected)
        {
            return;
        }

        if (result == DialOutcome.AgentMissed)
        {
            var pausedUntil = time.GetUtcNow() + options.Value.RetryAfter;
            Interlocked.Exchange(ref _pausedUntilTicks, pausedUntil.UtcTicks);
            LogDispatcherAway(logger, options.Value.Agent, pausedUntil);
        }

        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CrmDbContext>();
        var delivery = await db.Deliveries.SingleOrDefaultAsync(d => d.Id == deliveryId && d.LastCallId == callId, cancellationToken).ConfigureAwait(false);
        if (delivery is not { Status: DeliveryStatus.Calling })
        {
            return;
        }

        if (result == DialOutcome.ClientMissed)
        {
            scope.ServiceProvider.GetRequiredService<DispatchDesk>().Settle(delivery, DeliveryStatus.NoAnswer, "no answer (schedule)", SystemUser);
        }
        else
        {
            delivery.Attempts--;
            delivery.Status = delivery.Attempts == 0 ? DeliveryStatus.Planned : DeliveryStatus.NoAnswer;
        }

        scope.ServiceProvider.GetRequiredService<Audit>().Record(SystemUser, "outcome", "delivery", deliveryId.ToString(), $"call={callId};{result}");
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Dispatch schedule: delivery {DeliveryId}, calling {Number} from {AgentId}")]
    private static partial void LogPlaced(ILogger logger, Guid deliveryId, string number, string agentId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Dispatch schedule: delivery {DeliveryId} not called: {Reason}")]
    private static partial void LogSkipped(ILogger logger, Guid deliveryId, string? reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Dispatch schedule: the dispatcher's phone {AgentId} did not answer; no notification calls until {PausedUntil}")]
    private static partial void LogDispatcherAway(ILogger logger, string agentId, DateTimeOffset pausedUntil);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Dispatch schedule: no result for delivery {DeliveryId}'s call {CallId} within {Limit}; going on")]
    private static partial void LogNoResult(ILogger logger, Guid deliveryId, Guid callId, TimeSpan limit);

    [LoggerMessage(Level = LogLevel.Error, Message = "Dispatch schedule: recording the result of delivery {DeliveryId}'s call {CallId} failed")]
    private static partial void LogFollowFailed(ILogger logger, Exception exception, Guid deliveryId, Guid callId);

    [LoggerMessage(Level = LogLevel.Error, Message = "Dispatch schedule round failed")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
