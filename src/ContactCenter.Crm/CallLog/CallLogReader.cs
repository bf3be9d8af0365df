using System.Runtime.CompilerServices;
using System.Text.Json;
using ContactCenter.Contracts.Calls;
using ContactCenter.Crm.Model;
using ContactCenter.Crm.Persistence;
using Microsoft.EntityFrameworkCore;

namespace ContactCenter.Crm.CallLog;

/// <summary>Reads the call log for the API: filtered pages, a streamed export, one call with its timeline.</summary>
internal sealed class CallLogReader(CrmDbContext db)
{
    /// <summary>The largest page a list returns.</summary>
    public const int MaxPageSize = 500;

    /// <summary>The outcomes a call record can have (see <see cref="CallRecordProjector"/>).</summary>
    public static readonly IReadOnlyList<string> Outcomes = ["in-progress", "talking", "answered", "voicemail", "abandoned", "unanswered"];

    /// <summary>Calls newest first; <paramref name="page"/> is 1-based.</summary>
    public async Task<CallPageDto> ListAsync(CallQuery query, int page, int pageSize, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var calls = Filter(query);
        var total = await calls.CountAsync(cancellationToken);
        var rows = await Newest(calls).Skip((page - 1) * pageSize).Take(pageSize).Select(Row).ToListAsync(cancellationToken);
        return new CallPageDto(rows.ConvertAll(ToDto), page, pageSize, total);
    }

    /// <summary>Every matching call, newest first, read as it is written out (an export of a year holds no list in memory).</summary>
    public async IAsyncEnumerable<CallListItemDto> StreamAsync(CallQuery query, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        await foreach (var row in Newest(Filter(query)).Select(Row).AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            yield return ToDto(row);
        }
    }

    /// <summary>Call <paramref name="id"/> with its events, or null (also when <paramref name="participant"/> may not see it).</summary>
    public async Task<CallDetailDto?> GetAsync(Guid id, string? participant, CancellationToken cancellationToken)
    {
        var row = await Filter(new CallQuery(Participant: participant)).Where(c => c.Id == id).Select(Row).SingleOrDefaultAsync(cancellationToken);
        if (row is null)
        {
            return null;
        }

        var timeline = await db.CallTimeline.AsNoTracking().Where(e => e.CallId == id).OrderBy(e => e.Sequence).ThenBy(e => e.OccurredAt)
            .Select(e => new { e.Sequence, e.Type, e.OccurredAt, e.Data }).ToListAsync(cancellationToken);
        var emails = await db.OutgoingEmails.AsNoTracking().Where(e => e.CallId == id).OrderBy(e => e.CreatedAt)
            .Select(e => new CallEmailDto(e.Id, e.To, e.Subject, e.Status.ToString(), e.CreatedAt, e.SentAt)).ToListAsync(cancellationToken);
        var callKey = id.ToString();
        var supervision = await db.Audit.AsNoTracking().Where(a => a.EntityType == "call" && a.EntityId == callKey && a.Action.StartsWith("supervise"))
            .OrderBy(a => a.Id).Select(a => new CallSupervisionDto(a.UserName, a.Action, a.Details, a.At)).ToListAsync(cancellationToken);
        return new CallDetailDto(
            ToDto(row),
            row.Call.RoutingTrace is { } trace ? Parse(trace) : null,
            row.Call.RecordingPath,
            timeline.ConvertAll(e => new CallTimelineItemDto(e.Sequence, e.Type, e.OccurredAt, Parse(e.Data))),
            emails,
            supervision);
    }

    private IQueryable<CallRecord> Filter(CallQuery query)
    {
        var calls = db.Calls.AsNoTracking();
        if (query.From is { } from)
        {
            calls = calls.Where(c => c.ReceivedAt >= from);
        }

        if (query.To is { } to)
        {
            calls = calls.Where(c => c.ReceivedAt < to);
        }

        if (query.Agent is { } agent)
        {
            calls = calls.Where(c => c.AnsweredBy == agent);
        }

        if (query.ClientId is { } clientId)
        {
            calls = calls.Where(c => c.ClientId == clientId);
        }

        if (query.Outcome is { } outcome)
        {
            calls = calls.Where(c => c.Outcome == outcome);
        }

        if (query.Direction is { } text && Enum.TryParse<CallDirection>(text, ignoreCase: true, out var direction))
        {
            calls = calls.Where(c => c.Direction == direction);
        }

        if (query.NumberE164 is { } number)
        {
            calls = calls.Where(c => c.CallerE164 == number || c.DialedNumber == number);
        }

        if (query.Participant is { } participant)
        {
            calls = calls.Where(c => c.AnsweredBy == participant
                || db.Clients.Any(client => client.Id == c.ClientId && client.AssignedManager!.Extension == participant));
        }

        return calls;
    }

    private static IOrderedQueryable<CallRecord> Newest(IQueryable<CallRecord> calls) =>
        calls.OrderByDescending(c => c.ReceivedAt).ThenByDescending(c => c.Id);

    private System.Linq.Expressions.Expression<Func<CallRecord, CallRow>> Row =>
        c => new CallRow(c, db.Clients.Where(client => client.Id == c.ClientId).Select(client => client.Name).FirstOrDefault());

    private static CallListItemDto ToDto(CallRow row)
    {
        var c = row.Call;
        return new CallListItemDto(
            c.Id, c.Direction.ToString(), c.CallerNumber, c.CallerE164, c.DialedNumber, c.ClientId, row.ClientName, c.RuleName, c.QueueName,
            c.MenuChoice, c.ReceivedAt, c.AnsweredAt, c.EndedAt,
            Seconds(c.ReceivedAt, c.AnsweredAt ?? c.EndedAt), Seconds(c.AnsweredAt, c.EndedAt),
            c.AnsweredBy, c.EndedBy?.ToString(), c.EndReason, c.Outcome, c.TransferCount, c.RecordingPath is not null,
            c.RecordingProblem, c.Disposition, c.DispositionNote);
    }

    private static double? Seconds(DateTimeOffset? start, DateTimeOffset? end) =>
        start is { } s && end is { } e ? Math.Round((e - s).TotalSeconds, 1) : null;

    private static JsonElement Parse(string json)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.Clone();
    }

    private sealed record CallRow(CallRecord Call, string? ClientName);
}
