using ContactCenter.Crm.Api;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;

namespace ContactCenter.Host.Desk;

/// <summary>
/// The web desktops' live channel (<c>/hubs/desk</c>, staff only). The server pushes; pages only listen:
/// <c>call</c> (<see cref="DeskCallEvent"/>) to the extension whose phone it concerns, <c>agentState</c>
/// (<see cref="DeskAgentState"/>) to the agent and to every desk, <c>queuesChanged</c> to every desk (the wallboard refetches).
/// </summary>
[Authorize(Policy = CrmPolicies.Staff)]
public sealed class DeskHub : Hub
{
    /// <summary>The group every signed-in desk joins (agent states and queue figures).</summary>
    public const string AllDesks = "desks";

    /// <summary>The group of one user's desks; for agents the user name is the extension.</summary>
    public static string UserGroup(string userName) => "user:" + userName;

    /// <inheritdoc />
    public override async Task OnConnectedAsync()
    {
        await Groups.AddToGroupAsync(Context.ConnectionId, AllDesks, Context.ConnectionAborted).ConfigureAwait(false);
        if (Context.User?.Identity?.Name is { Length: > 0 } name)
        {
            await Groups.AddToGroupAsync(Context.ConnectionId, UserGroup(name), Context.ConnectionAborted).ConfigureAwait(false);
        }

        await base.OnConnectedAsync().ConfigureAwait(false);
    }
}
