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

    /// <summary>The group of the desks of the person with <paramref name="extension"/>.</summary>
    public static string UserGroup(string extension) => "user:" + extension;

    /// <summary>The group of the desks of a department's members and its head (department notifications).</summary>
    public static string DepartmentGroup(string departmentCode) => "department:" + departmentCode;

    /// <inheritdoc />
    public override async Task OnConnectedAsync()
    {
        var aborted = Context.ConnectionAborted;
        await Groups.AddToGroupAsync(Context.ConnectionId, AllDesks, aborted).ConfigureAwait(false);
        if (Context.User?.Identity?.Name is { Length: > 0 } name)
        {
            // The personal group is the extension of the member of staff behind the user, never the user name itself:
            // an admin may name a user anything, and a user named like someone's extension must not get their screen pops.
            (string? Extension, List<string> Departments) staff;
            try
            {
                staff = await StaffOfAsync(name, aborted).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is DbException or RetryLimitExceededException or TimeoutException)
            {
                // Agent states and queue figures still reach this desk; its calls and notifications show after a reconnect.
                LogStaffUnavailable(logger, name, ex);
                staff = (null, []);
            }

            if (staff.Extension is { } extension)
            {
                await Groups.AddToGroupAsync(Context.ConnectionId, UserGroup(extension), aborted).ConfigureAwait(false);
            }

            foreach (var code in staff.Departments)
            {
                await Groups.AddToGroupAsync(Context.ConnectionId, DepartmentGroup(code), aborted).ConfigureAwait(false);
            }
        }

        await base.OnConnectedAsync().ConfigureAwait(false);
    }

    /// <summary>
    /// The extension of the user's staff record and the codes of its department and of those it heads (as the
    /// notification inbox reads them); no staff record: nothing.
    /// </summary>
    private async Task<(string? Extension, List<string> Departments)> StaffOfAsync(string userName, CancellationToken cancellationToken)
    {
        var staff = await (from u in db.Users
                           join s in db.Staff on u.StaffId equals s.Id
                           where u.UserName == userName
                           select new { s.Id, s.Extension, s.DepartmentId }).AsNoTracking().FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);
        if (staff is null)
        {
            return (null, []);
        }

        var departments = await db.Departments.AsNoTracking().Where(d => d.HeadStaffId == staff.Id || d.Id == staff.DepartmentId).Select(d => d.Code)
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        return (staff.Extension, departments);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Desk of {UserName} connected without its calls and notifications: the CRM database did not answer")]
    private static partial void LogStaffUnavailable(ILogger logger, string userName, Exception exception);
}
