using System.Collections.Concurrent;
using ContactCenter.Contracts.Calls;
using ContactCenter.Crm.Model;
using ContactCenter.Crm.Notifications;
using ContactCenter.Crm.Persistence;
using MassTransit;
using Microsoft.EntityFrameworkCore;

namespace ContactCenter.Crm.Dialing;

/// <summary>
/// Tells a department head when the engine refused an agent's outbound call (issue #16, toll fraud): a premium or foreign
/// number, or the agent's limit of calls at once or per hour. The head of the agent's department is notified on the desk;
/// for a department without a head, or a call the system placed itself, every department head. One alert per extension
/// and kind of refusal in <see cref="Quiet"/> - a softphone redialling a premium number must not bury the inbox.
/// </summary>
internal sealed class OutboundRefusalAlerts(CrmDbContext db, Notifier notifier, OutboundRefusalAlerts.Throttle throttle, TimeProvider time)
    : IConsumer<OutboundCallRefused>
{
    /// <summary>How long repeated refusals of the same kind for the same extension stay quiet after an alert.</summary>
    public static readonly TimeSpan Quiet = TimeSpan.FromMinutes(10);

    /// <inheritdoc />
    public async Task Consume(ConsumeContext<OutboundCallRefused> context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var m = context.Message;
        if (!throttle.TryTake($"{m.Extension}|{m.Refusal}", time.GetUtcNow()))
        {
            return;
        }

        var agent = m.Extension is null ? null : await db.Staff.AsNoTracking().Where(s => s.Extension == m.Extension)
            .Select(s => new { s.Id, s.FullName, s.DepartmentId }).FirstOrDefaultAsync(context.CancellationToken);
        var head = agent?.DepartmentId is { } department
            ? await db.Departments.AsNoTracking().Where(d => d.Id == department).Select(d => d.HeadStaffId).FirstOrDefaultAsync(context.CancellationToken)
            : null;
        List<Guid> heads = head is { } one ? [one]
            : await db.Staff.AsNoTracking().Where(s => s.Role == StaffRole.DepartmentHead && s.IsActive).Select(s => s.Id).ToListAsync(context.CancellationToken);
        var who = agent is null ? (m.Extension is null ? "The system" : m.Extension) : $"{agent.FullName} ({m.Extension})";
        var text = $"Outbound call refused: {who} dialled {m.Number} ({m.Purpose}) - {m.Reason}. Check the phone is not misused (toll fraud).";
        foreach (var staffId in heads)
        {
            await notifier.ToStaffAsync(staffId, NotificationKinds.OutboundRefused, text, "staff", agent?.Id ?? Guid.Empty, context.CancellationToken);
        }

        await db.SaveChangesAsync(context.CancellationToken);
    }

    /// <summary>The quiet periods, per extension and kind of refusal (one per process; bounded by the extensions there are).</summary>
    internal sealed class Throttle
    {
        private readonly ConcurrentDictionary<string, DateTimeOffset> _last = new(StringComparer.Ordinal);

        public bool TryTake(string key, DateTimeOffset now)
        {
            while (true)
            {
                if (!_last.TryGetValue(key, out var last))
                {
                    if (_last.TryAdd(key, now))
                    {
                        return true;
                    }

                    continue;
                }

                if (now - last < Quiet)
                {
                    return false;
                }

                if (_last.TryUpdate(key, now, last))
                {
                    return true;
                }
            }
        }
    }
}
