using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ContactCenter.Crm.MasterData.Import;

/// <summary>
/// Imports running in the background so the console can poll their progress (issue #18). One import runs at a time
/// (two files writing the same clients would race); a job is kept for <see cref="Keep"/> after it ends, in memory only
/// (a restart forgets finished jobs; a running one is cancelled - chunks already applied stay, and importing again finishes it).
/// Only the admin who started a job sees it.
/// </summary>
internal sealed partial class ImportJobs(IServiceScopeFactory scopes, TimeProvider time, ILogger<ImportJobs> logger) : IDisposable
{
    /// <summary>How long a finished job is kept for its poll.</summary>
    public static readonly TimeSpan Keep = TimeSpan.FromHours(1);

    private readonly ConcurrentDictionary<Guid, ImportJob> _jobs = new();
    private readonly CancellationTokenSource _stopping = new();
    private readonly Lock _gate = new();

    /// <summary>
    /// Starts <typeparamref name="TImporter"/> on <paramref name="file"/> in its own scope; null (with the running job) when
    /// another import is still running.
    /// </summary>
    public ImportJob? TryStart<T, TImporter>(string kind, ImportFile<T> file, bool applyGoodRows, string userName, out ImportJob? running)
        where TImporter : IImporter<T>
    {
        ImportJob job;
        lock (_gate)
        {
            Forget();
            running = _jobs.Values.FirstOrDefault(j => j.EndedAt is null);
            if (running is not null)
            {
                return null;
            }

            job = new ImportJob(Guid.CreateVersion7(time.GetUtcNow()), kind, userName, applyGoodRows, time.GetUtcNow(), file.Rows.Count);
            _jobs[job.Id] = job;
        }

        _ = Task.Run(() => RunAsync<T, TImporter>(job, file));
        return job;
    }

    /// <summary>The job, if <paramref name="userName"/> started it and it is still kept.</summary>
    public ImportJob? Find(Guid id, string userName) =>
        _jobs.TryGetValue(id, out var job) && string.Equals(job.UserName, userName, StringComparison.Ordinal) ? job : null;

    /// <inheritdoc />
    public void Dispose()
    {
        _stopping.Cancel();
        _stopping.Dispose();
    }

    private async Task RunAsync<T, TImporter>(ImportJob job, ImportFile<T> file)
        where TImporter : IImporter<T>
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var importer = scope.ServiceProvider.GetRequiredService<TImporter>();
            var report = await importer.RunAsync(file, job.Apply, job.UserName, job.Progress, _stopping.Token);
            job.End(report, null, time.GetUtcNow());
        }
#pragma warning disable CA1031 // a background job's failure is reported to its poll, never lost
        catch (Exception ex)
#pragma warning restore CA1031
        {
            LogFailed(logger, ex, job.Kind, job.Id);
            job.End(null, ex is OperationCanceledException
                ? "The import was stopped (the service is shutting down); the chunks applied stay: import the file again to finish."
                : "The import failed (see the service log); the chunks applied stay: import the file again to finish.", time.GetUtcNow());
        }
    }

    private void Forget()
    {
        var now = time.GetUtcNow();
        foreach (var old in _jobs.Values.Where(j => j.EndedAt is { } ended && now - ended > Keep))
        {
            _jobs.TryRemove(old.Id, out _);
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "The {Kind} import {JobId} failed")]
    private static partial void LogFailed(ILogger logger, Exception exception, string kind, Guid jobId);
}

/// <summary>One import in the background: who started it, its progress, and at the end its report or why it failed.</summary>
internal sealed class ImportJob(Guid id, string kind, string userName, bool apply, DateTimeOffset startedAt, int rows)
{
    public Guid Id { get; } = id;

    public string Kind { get; } = kind;

    public string UserName { get; } = userName;

    public bool Apply { get; } = apply;

    public DateTimeOffset StartedAt { get; } = startedAt;

    public int Rows { get; } = rows;

    public ImportProgress Progress { get; } = new();

    private readonly Lock _gate = new();
    private ImportReport? _report;
    private string? _error;
    private DateTimeOffset? _endedAt;

    public ImportReport? Report
    {
        get { lock (_gate) { return _report; } }
    }

    public string? Error
    {
        get { lock (_gate) { return _error; } }
    }

    public DateTimeOffset? EndedAt
    {
        get { lock (_gate) { return _endedAt; } }
    }

    /// <summary>The job is over: its report, or why it failed.</summary>
    public void End(ImportReport? report, string? error, DateTimeOffset at)
    {
        lock (_gate)
        {
            (_report, _error, _endedAt) = (report, error, at);
        }
    }

    /// <summary>The job as its poll shows it.</summary>
    public ImportJobDto ToDto()
    {
        var (report, error) = (Report, Error);
        // "done" comes with its report: the import's progress says done a moment before the job holds the report.
        var phase = Progress.Phase;
        var state = error is not null ? "failed" : report is not null ? "done" : phase == "done" ? (Apply ? "applying" : "checking") : phase;
        return new(Id, Kind, Apply, StartedAt, Rows, state, Progress.Done, Progress.Total, report, error);
    }
}

/// <summary>
/// An import job as the console polls it: <c>state</c> is queued, checking, applying, done or failed; <c>done</c> of
/// <c>total</c> rows of the current phase; the report once done.
/// </summary>
public sealed record ImportJobDto(Guid Id, string Kind, bool Apply, DateTimeOffset StartedAt, int Rows, string State, int Done, int Total,
    ImportReport? Report, string? Error);
