using System.Globalization;
using ContactCenter.Contracts.Calls;
using ContactCenter.Crm.Persistence;
using MassTransit;
using Microsoft.EntityFrameworkCore;

namespace ContactCenter.Crm.Dialing;

/// <summary>
/// Writes every <see cref="OutboundCallRefused"/> (the engine's outbound gate: do-not-call, dial plan, an extension's
/// limits) to the audit log, in the name of the extension that dialled; once per event, however often it is delivered.
/// </summary>
internal sealed class OutboundRefusalConsumer(CrmDbContext db) : IConsumer<OutboundCallRefused>
{
    private const string Name = "outbound-refused";

    public async Task Consume(ConsumeContext<OutboundCallRefused> context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var m = context.Message;
        var details = Clean(string.Create(CultureInfo.InvariantCulture, $"purpose={m.Purpose};refusal={m.Refusal};reason={m.Reason}"), 400);
        await db.Database.ExecuteSqlAsync($"""
            WITH first AS (
                INSERT INTO processed_messages (consumer, message_id, processed_at) VALUES ({Name}, {m.EventId}, {m.OccurredAt.ToUniversalTime()})
                ON CONFLICT DO NOTHING RETURNING 1)
            INSERT INTO audit_log (at, user_name, action, entity_type, entity_id, details)
            SELECT {m.OccurredAt.ToUniversalTime()}, {Clean(m.Extension ?? "system", 100)}, {Name}, 'phone-number', {Clean(m.Number, 64)}, {details}
            FROM first
            """, context.CancellationToken);
    }

    // PostgreSQL's text refuses NUL characters; the columns have lengths.
    private static string Clean(string value, int max) => (value.Length > max ? value[..max] : value).Replace('\0', '\uFFFD');
}
