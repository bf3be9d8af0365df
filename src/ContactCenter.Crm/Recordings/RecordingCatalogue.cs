using ContactCenter.Crm.Model;
using ContactCenter.Crm.Persistence;
using ContactCenter.Crm.Users;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace ContactCenter.Crm.Recordings;

/// <summary>
/// Finds recordings and hands out their files. Admins see every recording; a department head those answered by staff of
/// the departments they head or belong to, those of clients whose manager is in one of them, and every after-hours
/// voicemail; anyone else only the voicemails on the call lists they work. Every play and download
/// is audited (entity <c>recording</c>, the call id) and shown with the recording.
/// </summary>
internal sealed class RecordingCatalogue(CrmDbContext db, Audit audit, IOptions<RecordingOptions> options)
{
    /// <summary>The audit's entity type for recordings.</summary>
    public const string EntityType = "recording";

    /// <summary>The largest page a search returns.</summary>
    public const int MaxPageSize = 200;

    private sealed record Row(Recording Recording, CallRecord Call, string? ClientName, string? AgentName, List<long> Orders, int Plays, int Downloads);

    /// <summary>Recordings matching <paramref name="query"/> that <paramref name="user"/> may see, newest first; <paramref name="page"/> is 1-based.</summary>
    public async Task<RecordingPageDto> SearchAsync(RecordingQuery query, SignedInUser user, int page, int pageSize, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var rows = Filter(Visible(user), query);
        var total = await rows.CountAsync(cancellationToken);
        var items = await Project(rows.OrderByDescending(r => r.RecordedAt).ThenBy(r => r.CallId).Skip((page - 1) * pageSize).Take(pageSize))
            .ToListAsync(cancellationToken);
        return new RecordingPageDto(items.ConvertAll(ToDto), page, pageSize, total);
    }

    /// <summary>One recording with its plays and downloads, or not found (also when <paramref name="user"/> may not see it).</summary>
    public async Task<DeskResult<RecordingDetailDto>> GetAsync(Guid callId, SignedInUser user, IReadOnlyCollection<string> roles, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(roles);
        var row = await Project(Visible(user).Where(r => r.CallId == callId)).SingleOrDefaultAsync(cancellationToken);
        if (row is null)
        {
            return DeskError.NotFound();
        }

        var id = callId.ToString();
        var access = await db.Audit.AsNoTracking().Where(a => a.EntityType == EntityType && a.EntityId == id)
            .OrderByDescending(a => a.At).ThenByDescending(a => a.Id).Take(200)
            .Select(a => new RecordingAccessDto(a.UserName, a.Action, a.At)).ToListAsync(cancellationToken);
        return new RecordingDetailDto(ToDto(row), MayDownload(roles), access);
    }

    /// <summary>
    /// The file of a recording <paramref name="user"/> may see, for playing (audited when <paramref name="audited"/>: a play
    /// starts at the first byte) or downloading (always audited; only <see cref="RecordingOptions.DownloadRoles"/>).
    /// </summary>
    public async Task<DeskResult<string>> OpenAsync(Guid callId, SignedInUser user, IReadOnlyCollection<string> roles, bool download, bool audited,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        var recording = await Visible(user).Where(r => r.CallId == callId).SingleOrDefaultAsync(cancellationToken);
        if (recording is null)
        {
            return DeskError.NotFound();
        }

        if (download && !MayDownload(roles))
        {
            return DeskError.Forbidden($"Downloading recordings needs one of the roles {string.Join(", ", options.Value.DownloadRoles)}; you may play it.",
                "Download not allowed");
        }

        if (recording.DeletedAt is { } deleted)
        {
            return DeskError.Conflict($"The recording was deleted on {deleted:yyyy-MM-dd} at the end of its retention period.", "Recording deleted");
        }

        if (!options.Value.Allows(recording.Path) || !File.Exists(recording.Path))
        {
            return DeskError.NotFound("The recording's file is missing.", "File missing");
        }

        if (download || audited)
        {
            audit.Record(user.UserName, download ? "download" : "play", EntityType, callId.ToString());
            await db.SaveChangesAsync(cancellationToken);
        }

        return recording.Path;
    }

    private bool MayDownload(IReadOnlyCollection<string> roles) => options.Value.DownloadRoles.Any(roles.Contains);

    private IQueryable<Recording> Visible(SignedInUser user)
    {
        var recordings = db.Recordings.AsNoTracking();
        if (user.IsAdmin)
        {
            return recordings;
        }

        if (!user.IsDepartmentHead)
        {
            // Others hear only the voicemails on the lists they work (issue #18).
            var me = user.StaffId ?? Guid.Empty;
            return recordings.Where(r => db.CallTasks.Any(t => t.VoicemailCallId == r.CallId && db.CallLists.Any(l => l.Id == t.CallListId && l.OperatorIds.Contains(me))));
        }

        var departments = user.HeadOf.Select(d => (Guid?)d).Append(user.DepartmentId).Where(d => d is not null).Distinct().ToList();
        return from r in recordings
               join c in db.Calls on r.CallId equals c.Id
               where db.Staff.Any(s => s.Extension == c.AnsweredBy && departments.Contains(s.DepartmentId))
                   || db.Clients.Any(k => k.Id == c.ClientId && k.AssignedManager != null && departments.Contains(k.AssignedManager.DepartmentId))
                   || db.CallTasks.Any(t => t.VoicemailCallId == r.CallId)
               select r;
    }

    private IQueryable<Recording> Filter(IQueryable<Recording> recordings, RecordingQuery query)
    {
        if (query.From is { } from)
        {
            var start = from.ToUniversalTime();
            recordings = recordings.Where(r => r.RecordedAt >= start);
        }

        if (query.To is { } to)
        {
            var end = to.ToUniversalTime();
            recordings = recordings.Where(r => r.RecordedAt < end);
        }

        var calls = db.Calls.AsNoTracking();
        if (query.ClientId is { } clientId)
        {
            calls = calls.Where(c => c.ClientId == clientId);
        }

        if (query.Client is { } client)
        {
            var pattern = "%" + client.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal)
                .Replace("_", "\\_", StringComparison.Ordinal) + "%";
            calls = calls.Where(c => db.Clients.Any(k => k.Id == c.ClientId && EF.Functions.ILike(k.Name, pattern)));
        }

        if (query.Agent is { } agent)
        {
            calls = calls.Where(c => c.AnsweredBy == agent);
        }

        if (query.Queue is { } queue)
        {
            calls = calls.Where(c => c.QueueName == queue);
        }

        if (query.Disposition is { } disposition)
        {
            calls = calls.Where(c => c.Disposition == disposition);
        }

        if (query.OrderNumber is { } number)
        {
            calls = calls.Where(c => db.Orders.Any(o => o.CallId == c.Id && o.Number == number));
        }

        return recordings.Where(r => calls.Any(c => c.Id == r.CallId));
    }

    private IQueryable<Row> Project(IQueryable<Recording> recordings) =>
        from r in recordings
        join c in db.Calls on r.CallId equals c.Id
        let id = r.CallId.ToString()
        select new Row(r, c,
            db.Clients.Where(k => k.Id == c.ClientId).Select(k => k.Name).FirstOrDefault(),
            db.Staff.Where(s => s.Extension == c.AnsweredBy).Select(s => s.FullName).FirstOrDefault(),
            db.Orders.Where(o => o.CallId == c.Id).OrderBy(o => o.Number).Select(o => o.Number).ToList(),
            db.Audit.Count(a => a.EntityType == EntityType && a.EntityId == id && a.Action == "play"),
            db.Audit.Count(a => a.EntityType == EntityType && a.EntityId == id && a.Action == "download"));

    private static RecordingDto ToDto(Row row) => new(
        row.Recording.CallId, row.Recording.RecordedAt, Math.Round(row.Recording.Duration.TotalSeconds, 1), row.Call.Direction.ToString(),
        row.Call.CallerE164 ?? row.Call.CallerNumber, row.Call.DialedNumber, row.Call.ClientId, row.ClientName, row.Call.AnsweredBy, row.AgentName,
        row.Call.QueueName, row.Call.Disposition, row.Orders, row.Recording.DeletedAt is not null, row.Plays, row.Downloads);
}
