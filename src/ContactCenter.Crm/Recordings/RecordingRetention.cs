using ContactCenter.Crm.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ContactCenter.Crm.Recordings;

/// <summary>
/// Deletes recordings older than <see cref="RecordingOptions.RetentionDays"/> every <see cref="RecordingOptions.SweepInterval"/>:
/// the file goes, the catalogue row is marked deleted and an audit entry (user <c>retention</c>) says when. A file that
/// cannot be deleted now is logged and tried again next round.
/// </summary>
internal sealed partial class RecordingRetention(IServiceScopeFactory scopes, IOptions<RecordingOptions> options, TimeProvider time,
    ILogger<RecordingRetention> logger) : BackgroundService
{
    /// <summary>The user name the retention job's audit entries carry.</summary>
    public const string UserName = "retention";

    private const int Batch = 500;

    /// <summary>One round: deletes what is past the retention period (up to a batch); returns how many recordings were deleted.</summary>
    public async Task<int> SweepAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var cutoff = time.GetUtcNow().AddDays(-settings.RetentionDays);
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CrmDbContext>();
        var audit = scope.ServiceProvider.GetRequiredService<Audit>();
        var due = await db.Recordings.Where(r => r.DeletedAt == null && r.RecordedAt < cutoff).OrderBy(r => r.RecordedAt).Take(Batch)
            .ToListAsync(cancellationToken);
        var deleted = 0;
        foreach (var recording in due)
        {
            if (!settings.Allows(recording.Path))
            {
                LogOutside(logger, recording.CallId, recording.Path);
                continue;
            }

            try
            {
                File.Delete(recording.Path);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                LogNotDeleted(logger, recording.CallId, recording.Path, ex);
                continue;
            }

            recording.DeletedAt = time.GetUtcNow();
            audit.Record(UserName, "delete", RecordingCatalogue.EntityType, recording.CallId.ToString(),
                $"recorded={recording.RecordedAt:O};retention-days={settings.RetentionDays}");
            LogDeleted(logger, recording.CallId, recording.RecordedAt, settings.RetentionDays);
            deleted++;
        }

        await db.SaveChangesAsync(cancellationToken);
        return deleted;
    }

    /// <inheritdoc />
    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        ScheduledRounds.RunAsync(options.Value.SweepInterval, time, SweepAsync, ex => LogFailed(logger, ex), stoppingToken);

    [LoggerMessage(Level = LogLevel.Information, Message = "Recording of call {CallId} (recorded {RecordedAt:O}) deleted after the retention period of {RetentionDays} days")]
    private static partial void LogDeleted(ILogger logger, Guid callId, DateTimeOffset recordedAt, int retentionDays);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Recording of call {CallId} not deleted ({Path}); trying again next round")]
    private static partial void LogNotDeleted(ILogger logger, Guid callId, string path, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Recording of call {CallId} not deleted: {Path} is outside Crm:Recordings:Directory")]
    private static partial void LogOutside(ILogger logger, Guid callId, string path);

    [LoggerMessage(Level = LogLevel.Error, Message = "Recording retention round failed; trying again next round")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
