using ContactCenter.Contracts.Calls;
using ContactCenter.Crm.Model;
using ContactCenter.Crm.Persistence;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace ContactCenter.Crm.Outbound;

/// <summary>
/// Makes a caller's after-hours voicemail (<see cref="VoicemailLeft"/>) a call-back task for the queue (issue #18): a task
/// on the queue's voicemail list (made on the first message, worked by the queue's members), due when the queue opens
/// next, with the caller's number, the client when known and the call whose recording holds the message. Once per call
/// however often the event arrives (the queue is locked for the check; a unique index backs it).
/// </summary>
internal sealed partial class VoicemailTaskConsumer(CrmDbContext db, TimeProvider time, ILogger<VoicemailTaskConsumer> logger)
    : IConsumer<VoicemailLeft>
{
    /// <summary>The purpose of a queue's voicemail list.</summary>
    public const string Purpose = "voicemail";

    public async Task Consume(ConsumeContext<VoicemailLeft> context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var message = context.Message;
        var cancellationToken = context.CancellationToken;
        var strategy = db.Database.CreateExecutionStrategy();
        await strategy.ExecuteAsync(async () =>
        {
            db.ChangeTracker.Clear();
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var queueLock = "voicemail:" + message.QueueName;
            await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock(hashtextextended({queueLock}, 0))", cancellationToken);
            if (await db.CallTasks.AnyAsync(t => t.VoicemailCallId == message.CallId, cancellationToken))
            {
                return;
            }

            var now = time.GetUtcNow();
            var members = await db.Staff.AsNoTracking().Where(s => message.QueueMembers.Contains(s.Extension)).Select(s => s.Id).ToListAsync(cancellationToken);
            var list = await db.CallLists.SingleOrDefaultAsync(l => l.Queue == message.QueueName, cancellationToken);
            if (list is null)
            {
                list = new CallList
                {
                    Id = Guid.CreateVersion7(now), Name = "Voicemail: " + message.QueueName, Purpose = Purpose, Queue = message.QueueName, CreatedAt = now,
                    Instructions = "Callers who left a message while the queue was closed: listen to the message, call back, record the result.",
                    OperatorIds = members,
                };
                db.CallLists.Add(list);
            }
            else if (members.Except(list.OperatorIds).Any())
            {
                list.OperatorIds = [.. list.OperatorIds.Union(members)];
            }

            var position = await db.CallTasks.Where(t => t.CallListId == list.Id).MaxAsync(t => (int?)t.Position, cancellationToken) ?? 0;
            db.CallTasks.Add(new CallTask
            {
                Id = Guid.CreateVersion7(now), CallListId = list.Id, Position = position + 1,
                ClientId = await ClientAsync(message, cancellationToken),
                PhoneE164 = message.CallerNumberE164 ?? message.CallerNumber[..Math.Min(16, message.CallerNumber.Length)],
                NextAttemptAt = message.QueueOpensAt, VoicemailCallId = message.CallId,
                Notes = $"Voicemail of {message.Duration.TotalSeconds:F0} s left {message.OccurredAt.UtcDateTime:yyyy-MM-dd HH:mm} UTC",
            });
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            LogCreated(logger, message.CallId, message.QueueName, message.QueueOpensAt);
        });
    }

    // The client the router knew, else the one the number belongs to now (a new caller's record may be younger than the call).
    private async Task<Guid?> ClientAsync(VoicemailLeft message, CancellationToken cancellationToken)
    {
        if (message.ClientId is { } known && await db.Clients.AnyAsync(c => c.Id == known, cancellationToken))
        {
            return known;
        }

        return message.CallerNumberE164 is { } number
            ? await db.ClientPhones.Where(p => p.E164 == number).Select(p => (Guid?)p.ClientId).FirstOrDefaultAsync(cancellationToken)
            : null;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Voicemail of call {CallId} is a task for queue {Queue}, due {DueAt:u}")]
    private static partial void LogCreated(ILogger logger, Guid callId, string queue, DateTimeOffset? dueAt);
}
