using System.Text.Json;
using ContactCenter.Crm.Model;
using ContactCenter.Crm.Persistence;

namespace ContactCenter.Crm.Outbox;

/// <summary>
/// Writes events into the outbox table of the caller's unit of work, so that they are stored in the
/// same transaction as the change they report and published after it commits (STYLE §9).
/// </summary>
public sealed class Outbox(CrmDbContext db, OutboxSignal signal, TimeProvider time)
{
    /// <summary>Adds <paramref name="message"/> (a ContactCenter.Contracts record) to the pending unit of work.</summary>
    public void Enqueue<T>(T message)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(message);
        var type = message.GetType();
        if (!OutboxMessageTypes.IsContract(type))
        {
            throw new ArgumentException($"{type.FullName} is not a contract in ContactCenter.Contracts.", nameof(message));
        }

        db.Outbox.Add(new OutboxMessage
        {
            Id = Guid.CreateVersion7(time.GetUtcNow()),
            MessageType = type.FullName!,
            Payload = JsonSerializer.Serialize(message, type, OutboxMessageTypes.JsonOptions),
            CreatedAt = time.GetUtcNow(),
        });
    }

    /// <summary>Saves the unit of work and wakes the publisher.</summary>
    public async Task SaveChangesAsync(CancellationToken cancellationToken)
    {
        await db.SaveChangesAsync(cancellationToken);
        signal.Notify();
    }
}
