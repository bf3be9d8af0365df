using System.Security.Claims;
using ContactCenter.Crm.CallLog;
using ContactCenter.Crm.Outbound;
using ContactCenter.Crm.Persistence;
using ContactCenter.Crm.Users;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace ContactCenter.Crm.Api;

/// <summary>
/// Wrap-up dispositions: the list an agent picks from (<c>Crm:Dispositions:Choices</c>) and the disposition of a call
/// just ended, set by the agent who answered it, a department head or an admin (audited).
/// </summary>
internal static class CallDispositionEndpoints
{
    /// <summary>Maps <c>GET /api/calls/dispositions</c> and <c>PUT /api/calls/{id}/disposition</c> (staff).</summary>
    public static RouteGroupBuilder MapCallDispositionEndpoints(this RouteGroupBuilder calls)
    {
        calls.MapGet("/dispositions", (IOptions<DispositionOptions> options) =>
            TypedResults.Ok(options.Value.InForce.Select(c => new DispositionChoiceDto(c.Key, c.Value)).ToList()));
        calls.MapPut("/{id:guid}/disposition", SetAsync);
        return calls;
    }

    private static async Task<Results<Ok<CallListItemDto>, ValidationProblem, ProblemHttpResult>> SetAsync(
        Guid id, SetDispositionRequest request, IOptions<DispositionOptions> options, CallLogReader calls, CrmDbContext db, Audit audit,
        TimeProvider time, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var choices = options.Value.InForce.ToDictionary(c => c.Key, c => c.Value, StringComparer.OrdinalIgnoreCase);
        var errors = new Dictionary<string, string[]>();
        var code = request?.Disposition?.Trim();
        var known = code is not null && choices.Keys.FirstOrDefault(k => string.Equals(k, code, StringComparison.OrdinalIgnoreCase)) is { } k ? k : null;
        if (known is null)
        {
            errors["disposition"] = [$"Give one of: {string.Join(", ", choices.Keys)}."];
        }

        var note = string.IsNullOrWhiteSpace(request?.Note) ? null : request.Note.Trim();
        if (note is { Length: > DispositionOptions.MaxNoteLength })
        {
            errors["note"] = [$"The note is longer than {DispositionOptions.MaxNoteLength} characters."];
        }
        else if (note is not null && note.Any(c => char.IsControl(c) && c is not ('\n' or '\r' or '\t')))
        {
            errors["note"] = ["The note holds control characters; write it as plain text."];
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var participant = await CallLogEndpoints.ParticipantAsync(db, user, cancellationToken);
        var visible = await calls.GetAsync(id, participant, cancellationToken);
        var call = visible is null ? null : await db.Calls.SingleOrDefaultAsync(c => c.Id == id, cancellationToken);
        if (call is null)
        {
            // The call log stores a call's events a moment after they happen: a disposition right after the end may come early.
            return TypedResults.Problem($"Call {id} is not in your call log (yet): the log stores a call a moment after it ends; try again.",
                statusCode: StatusCodes.Status404NotFound);
        }

        if (participant is not null && !string.Equals(call.AnsweredBy, participant, StringComparison.Ordinal))
        {
            return TypedResults.Problem(
                $"Only the agent who answered the call ({call.AnsweredBy ?? "nobody"}), a department head or an admin may set its disposition.",
                statusCode: StatusCodes.Status403Forbidden);
        }

        var userName = StaffLookup.UserName(user);
        (call.Disposition, call.DispositionNote, call.DispositionBy, call.DispositionAt) = (known, note, userName, time.GetUtcNow());
        audit.Record(userName, "disposition", "call", id.ToString(), known + (note is null ? "" : $"; note {note.Length} characters"));
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok((await calls.GetAsync(id, participant, cancellationToken))!.Summary);
    }
}

/// <summary>A disposition an agent may pick: the code the API takes and the label the desktop shows.</summary>
internal sealed record DispositionChoiceDto(string Code, string Label);

/// <summary>The disposition of a call (a code of <c>GET /api/calls/dispositions</c>) and an optional short note.</summary>
internal sealed record SetDispositionRequest(string? Disposition, string? Note);
