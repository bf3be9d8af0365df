using System.Data.Common;
using ContactCenter.Crm.Api;
using ContactCenter.Crm.Persistence;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace ContactCenter.Host.Desk;

/// <summary>
/// The web desktops' live channel (<c>/hubs/desk</c>, staff only). The server pushes; pages only listen:
/// <c>call</c> (<see cref="DeskCallEvent"/>) to the extension whose phone it concerns, <c>agentState</c>
/// (<see cref="DeskAgentState"/>) to the agent and to every desk, <c>queuesChanged</c> to every desk (the wallboard refetches),
/// <c>notification</c> (<see cref="DeskNotification"/>) to its recipient or to everybody in (or heading) its department.
/// </summary>
[Authorize(Policy = CrmPolicies.Staff)]
public sealed partial class DeskHub(CrmDbContext db, ILogger<DeskHub> logger) : Hub
{
    /// <summary>The group every signed-in desk joins (agent states and queue figures).</summary>
    public const string AllDesks = "desks";

    /// <summary>The group of one user's desks; for agents the user name is the extension.</summary>
    public static string UserGroup(string userName) => "user:" + userName;

    /// <summary>The group of the desks of a department's members and its head (department notifications).</summary>
    public static string DepartmentGroup(string departmentCode) => "department:" + departmentCode;

    /// <inheritdoc />
    public override async Task OnConnectedAsync()
    {
        var aborted = Context.ConnectionAborted;
        await Groups.AddToGroupAsync(Context.ConnectionId, AllDesks, aborted).ConfigureAwait(false);
        if (Context.User?.Identity?.Name is { Length: > 0 } name)
        {
            await Groups.AddToGroupAsync(Context.ConnectionId, UserGroup(name), aborted).ConfigureAwait(false);
            List<string> departments;
            try
            {
                departments = await DepartmentsOfAsync(name, aborted).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is DbException or RetryLimitExceededException or TimeoutException)
            {
                // The calls and agent states still reach this desk; department notifications show on its next connection or load.
                LogDepartmentsUnavailable(logger, name, ex);
                departments = [];
            }

            foreach (var code in departments)
            {
                await Groups.AddToGroupAsync(Context.ConnectionId, DepartmentGroup(code), aborted).ConfigureAwait(false);
            }
        }

        await base.OnConnectedAsync().ConfigureAwait(false);
    }

    /// <summary>The codes of the department the user's staff record belongs to and of those they head (as the notification inbox reads them).</summary>
    private async Task<List<string>> DepartmentsOfAsync(string userName, CancellationToken cancellationToken)
    {
        var staffId = await db.Users.AsNoTracking().Where(u => u.UserName == userName).Select(u => u.StaffId)
            .FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);
        if (staffId is null)
        {
            return [];
        }

        var memberOf = db.Staff.Where(s => s.Id == staffId).Select(s => s.DepartmentId);
        return await db.Departments.AsNoTracking().Where(d => d.HeadStaffId == staffId || memberOf.Contains(d.Id)).Select(d => d.Code)
            .ToListAsync(cancellationToken).ConfigureAwait(false);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Desk of {UserName} connected without department notifications: the CRM database did not answer")]
    private static partial void LogDepartmentsUnavailable(ILogger logger, string userName, Exception exception);
}
