using ContactCenter.Acd.Agents;
using ContactCenter.Crm.Model;
using ContactCenter.Crm.Persistence;
using Microsoft.EntityFrameworkCore;

namespace ContactCenter.Host.Routing;

/// <summary>Keeps agents' chosen states in the CRM database (table agent_states, one row per agent).</summary>
public sealed class CrmAgentStateStore(IServiceScopeFactory scopes) : IAgentStateStore
{
    /// <inheritdoc />
    public async Task<IReadOnlyList<SavedAgentState>> LoadAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CrmDbContext>();
        var rows = await db.AgentStates.AsNoTracking().ToListAsync(cancellationToken).ConfigureAwait(false);
        return [.. rows.Where(r => Enum.TryParse<AgentChosenState>(r.State, out _))
            .Select(r => new SavedAgentState(r.Extension, Enum.Parse<AgentChosenState>(r.State), r.Reason, r.Substitute, r.SetBy, r.SetAt))];
    }

    /// <inheritdoc />
    public async Task SaveAsync(SavedAgentState state, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(state);
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CrmDbContext>();
        var row = await db.AgentStates.FindAsync([state.Extension], cancellationToken).ConfigureAwait(false);
        if (row is null)
        {
            row = new AgentStateChoice { Extension = state.Extension, State = "", SetBy = "" };
            db.AgentStates.Add(row);
        }

        (row.State, row.Reason, row.Substitute, row.SetBy, row.SetAt) = (state.State.ToString(), state.Reason, state.Substitute, state.SetBy, state.SetAt);
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
    }
}
