using System.Security.Claims;
using ContactCenter.Crm.Dialing;
using ContactCenter.Crm.Model;
using ContactCenter.Crm.Persistence;
using ContactCenter.Crm.Users;
using Microsoft.EntityFrameworkCore;

namespace ContactCenter.Crm.Outbound;

/// <summary>Sets or clears a client's do-not-call flag; setting it closes the client's open call tasks (reported to their heads).</summary>
internal sealed class DoNotCallDesk(CrmDbContext db, Audit audit, DoNotCallNumbers numbers, TimeProvider time)
{
    /// <summary>Sets the flag; 400 naming the field, 404 for an unknown client. Audited.</summary>
    public async Task<DeskResult<DoNotCallDto>> SetAsync(Guid clientId, DoNotCallRequest request,
        ClaimsPrincipal user, CallTaskEvents events, CancellationToken cancellationToken)
    {
        if (request?.DoNotCall is not { } doNotCall)
        {
            return DeskError.Invalid("doNotCall", "Give true (do not call) or false.");
        }

        if (request.Reason is { Length: > 400 })
        {
            return DeskError.Invalid("reason", "The reason is at most 400 characters.");
        }

        var client = await db.Clients.Include(c => c.Phones).SingleOrDefaultAsync(c => c.Id == clientId, cancellationToken);
        if (client is null)
        {
            return DeskError.NotFound();
        }

        client.DoNotCall = doNotCall;
        var closed = 0;
        if (doNotCall)
        {
            var phones = client.Phones.Select(p => p.E164).ToList();
            var open = await db.CallTasks.Where(t => (t.ClientId == clientId || phones.Contains(t.PhoneE164))
                && (t.Status == CallTaskStatus.Pending || t.Status == CallTaskStatus.InProgress)).ToListAsync(cancellationToken);
            var lists = await db.CallLists.AsNoTracking().Where(l => open.Select(t => t.CallListId).Contains(l.Id)).ToDictionaryAsync(l => l.Id, cancellationToken);
            foreach (var task in open)
            {
                (task.Status, task.Result, task.CompletedAt, task.NextAttemptAt) = (CallTaskStatus.Failed, null, time.GetUtcNow(), null);
                task.Notes = string.IsNullOrEmpty(task.Notes) ? "do-not-call" : task.Notes + " | do-not-call";
                await events.EnqueueAsync(task, lists[task.CallListId], StaffLookup.UserName(user), cancellationToken);
                closed++;
            }
        }

        audit.Record(StaffLookup.UserName(user), "update", "client", clientId.ToString(),
            $"doNotCall={(doNotCall ? "true" : "false")};tasksClosed={closed};reason={request.Reason}");
        await events.SaveAsync(cancellationToken);
        await numbers.RefreshAsync(cancellationToken); // the engine's gate refuses (or allows) the numbers from now on
        return new DoNotCallDto(client.Id, client.Name, doNotCall, closed);
    }
}
