using System.Security.Claims;
using ContactCenter.Crm.Model;
using ContactCenter.Crm.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ContactCenter.Crm.Outbound;

/// <summary>
/// Builds the sleeping clients' list on a schedule (<c>Crm:SleepingList:Schedule</c>, off by default) in the name of the
/// configured head, for the configured operators; clients already on an open list are not listed again.
/// </summary>
internal sealed partial class SleepingListSchedule(IServiceScopeFactory scopes, IOptions<SleepingListOptions> options, TimeProvider time,
    ILogger<SleepingListSchedule> logger) : BackgroundService
{
    /// <summary>Builds the list once; returns its id, or null when nobody is sleeping.</summary>
    public async Task<Guid?> RunOnceAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CrmDbContext>();
        var operators = settings.Operators.Count > 0
            ? settings.Operators
            : await db.Staff.AsNoTracking().Where(s => s.Role == StaffRole.Operator && s.IsActive).OrderBy(s => s.Extension)
                .Select(s => s.Extension).ToListAsync(cancellationToken);
        var head = new ClaimsPrincipal(new ClaimsIdentity(
            [new Claim(ClaimTypes.Name, settings.Head), new Claim(ClaimTypes.Role, nameof(StaffRole.DepartmentHead))], "schedule"));
        var result = await scope.ServiceProvider.GetRequiredService<CallListDesk>()
            .CreateSleepingAsync(new SleepingListRequest(operators, null, null, null, null, null), head, cancellationToken);
        switch (result)
        {
            case { Value: { } list, Succeeded: true }:
                LogCreated(logger, list.Id, list.Tasks, settings.Head);
                return list.Id;
            case { Error: { Kind: DeskErrorKind.Invalid, Fields: { } fields } }:
                LogInvalid(logger, string.Join("; ", fields.Select(e => $"{e.Key}: {string.Join(" ", e.Value)}")));
                return null;
            default:
                LogNobody(logger);
                return null;
        }
    }

    /// <inheritdoc />
    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        options.Value.Schedule
            ? ScheduledRounds.RunAsync(options.Value.Interval, time, RunOnceAsync, ex => LogFailed(logger, ex), stoppingToken)
            : Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Information, Message = "Sleeping clients' list {CallListId} built with {Tasks} tasks for head {AgentId}")]
    private static partial void LogCreated(ILogger logger, Guid callListId, int tasks, string agentId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Sleeping clients' list not built: nobody to call")]
    private static partial void LogNobody(ILogger logger);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Sleeping clients' list not built, check Crm:SleepingList: {Errors}")]
    private static partial void LogInvalid(ILogger logger, string errors);

    [LoggerMessage(Level = LogLevel.Error, Message = "Sleeping clients' list schedule failed")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
