using System.Security.Claims;
using ContactCenter.Crm.Model;
using ContactCenter.Crm.Persistence;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace ContactCenter.Crm.Outbound;

/// <summary>
/// Clients who asked not to be called. The flag is checked wherever the service places a call (call lists, dispatch,
/// click-to-call) and keeps clients off new lists; setting it closes their open call tasks.
/// </summary>
public sealed class DoNotCallList(CrmDbContext db, Audit audit, TimeProvider time)
{
    /// <summary>The title of every 409 that refuses a call because the client asked not to be called.</summary>
    public const string ProblemTitle = "Do not call";

    /// <summary>The name of the do-not-call client who owns <paramref name="e164"/> or has id <paramref name="clientId"/>; null when the call is allowed.</summary>
    public Task<string?> BlockedClientAsync(string e164, Guid? clientId, CancellationToken cancellationToken) =>
        db.Clients.AsNoTracking().Where(c => c.DoNotCall && (c.Id == clientId || c.Phones.Any(p => p.E164 == e164)))
            .Select(c => c.Name).FirstOrDefaultAsync(cancellationToken);

    internal async Task<Results<Ok<DoNotCallDto>, NotFound, ValidationProblem>> SetAsync(Guid clientId, DoNotCallRequest request,
        ClaimsPrincipal user, CallTaskEvents events, CancellationToken cancellationToken)
    {
        if (request?.DoNotCall is not { } doNotCall)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["doNotCall"] = ["Give true (do not call) or false."] });
        }

        if (request.Reason is { Length: > 400 })
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["reason"] = ["The reason is at most 400 characters."] });
        }

        var client = await db.Clients.Include(c => c.Phones).SingleOrDefaultAsync(c => c.Id == clientId, cancellationToken);
        if (client is null)
        {
            return TypedResults.NotFound();
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
        return TypedResults.Ok(new DoNotCallDto(client.Id, client.Name, doNotCall, closed));
    }
}
