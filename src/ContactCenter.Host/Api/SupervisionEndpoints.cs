using System.Security.Claims;
using ContactCenter.CallEngine.Calls;
using ContactCenter.CallEngine.Supervision;
using ContactCenter.Crm;
using ContactCenter.Crm.Api;
using ContactCenter.Crm.Model;
using ContactCenter.Crm.Persistence;
using ContactCenter.Crm.Users;
using ContactCenter.Media.Supervision;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace ContactCenter.Host.Api;

/// <summary>
/// Listen, whisper and barge (issue #19): a department head on the calls of their department's agents (and of a
/// department without a head, such as the operators' call center), an admin on any;
/// the supervisor's own phone (the extension of their staff record) is rung and joins the call; every start, mode change
/// and stop is audited on the call (<c>GET /api/calls/{id}</c>'s audit and the audit log).
/// </summary>
public static class SupervisionEndpoints
{
    private const string AuditEntity = "call";

    /// <summary>Maps <c>/api/live-calls/supervision</c> and <c>/api/live-calls/{callId}/supervision</c>.</summary>
    public static IEndpointRouteBuilder MapSupervisionEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/live-calls").WithTags("Supervision").RequireAuthorization(CrmPolicies.Heads);
        group.MapGet("/supervision", (CallSupervisors supervisors) => TypedResults.Ok(supervisors.GetSessions()));
        group.MapPost("/{callId:guid}/supervision", StartAsync);
        group.MapPut("/{callId:guid}/supervision", ChangeAsync);
        group.MapDelete("/{callId:guid}/supervision", StopAsync);
        return app;
    }

    private static async Task<Results<Accepted<SupervisionView>, ProblemHttpResult>> StartAsync(Guid callId, SupervisionRequest request,
        CallManager calls, CallSupervisors supervisors, SignedInStaff staff, CrmDbContext db, Audit audit, ClaimsPrincipal user,
        CancellationToken cancellationToken)
    {
        if (!TryParseMode(request?.Mode, out var mode))
        {
            return BadMode();
        }

        if (calls.GetCall(callId) is not { } call)
        {
            return TypedResults.Problem($"No live call {callId}.", statusCode: StatusCodes.Status404NotFound);
        }

        if (!await MaySuperviseAsync(db, user, call.AgentExtension, cancellationToken).ConfigureAwait(false))
        {
            return TypedResults.Problem("Only the head of the agent's department (or an admin) supervises this call.", statusCode: StatusCodes.Status403Forbidden);
        }

        if (await staff.ExtensionOfAsync(user, cancellationToken).ConfigureAwait(false) is not { } supervisor)
        {
            return TypedResults.Problem("Your user is linked to no staff record with a phone: supervision rings your own phone.",
                statusCode: StatusCodes.Status409Conflict);
        }

        var started = supervisors.Start(callId, supervisor, mode);
        if (started != SupervisionStart.Ringing)
        {
            return TypedResults.Problem(Refusal(started, supervisor), statusCode: started == SupervisionStart.NoMediaPorts
                ? StatusCodes.Status503ServiceUnavailable : StatusCodes.Status409Conflict);
        }

        try
        {
            audit.Record(user.Identity!.Name!, "supervise", AuditEntity, callId.ToString(), $"mode={mode}; supervisor={supervisor}; agent={call.AgentExtension}");
            await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            await supervisors.StopAsync(callId).ConfigureAwait(false); // not audited: not done
            throw;
        }

        return TypedResults.Accepted($"/api/live-calls/{callId}/supervision", supervisors.Get(callId) ?? new SupervisionView(callId, supervisor,
            call.AgentExtension, mode, Joined: false, DateTimeOffset.UtcNow));
    }

    private static async Task<Results<Ok<SupervisionView>, ProblemHttpResult>> ChangeAsync(Guid callId, SupervisionRequest request,
        CallSupervisors supervisors, SignedInStaff staff, CrmDbContext db, Audit audit, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        if (!TryParseMode(request?.Mode, out var mode))
        {
            return BadMode();
        }

        if (await OwnSessionAsync(callId, supervisors, staff, user, cancellationToken).ConfigureAwait(false) is { } refusal)
        {
            return refusal;
        }

        var before = supervisors.Get(callId)!.Mode;
        if (!await supervisors.SetModeAsync(callId, mode).ConfigureAwait(false))
        {
            return TypedResults.Problem($"Nobody supervises call {callId} now.", statusCode: StatusCodes.Status404NotFound);
        }

        audit.Record(user.Identity!.Name!, "supervise-mode", AuditEntity, callId.ToString(), $"from={before}; to={mode}");
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        return TypedResults.Ok(supervisors.Get(callId)!);
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> StopAsync(Guid callId, CallSupervisors supervisors, SignedInStaff staff,
        CrmDbContext db, Audit audit, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        if (await OwnSessionAsync(callId, supervisors, staff, user, cancellationToken).ConfigureAwait(false) is { } refusal)
        {
            return refusal;
        }

        var mode = supervisors.Get(callId)?.Mode;
        await supervisors.StopAsync(callId).ConfigureAwait(false);
        audit.Record(user.Identity!.Name!, "supervise-stop", AuditEntity, callId.ToString(), $"mode={mode}");
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        return TypedResults.NoContent();
    }

    // A supervision is changed or ended by its supervisor, or by an admin.
    private static async Task<ProblemHttpResult?> OwnSessionAsync(Guid callId, CallSupervisors supervisors, SignedInStaff staff, ClaimsPrincipal user,
        CancellationToken cancellationToken)
    {
        if (supervisors.Get(callId) is not { } session)
        {
            return TypedResults.Problem($"Nobody supervises call {callId} now.", statusCode: StatusCodes.Status404NotFound);
        }

        return user.IsInRole(nameof(StaffRole.Admin)) || session.Supervisor == await staff.ExtensionOfAsync(user, cancellationToken).ConfigureAwait(false)
            ? null
            : TypedResults.Problem($"Call {callId} is supervised by {session.Supervisor}; only they (or an admin) change it.", statusCode: StatusCodes.Status403Forbidden);
    }

    // Admins supervise any call; a head the calls of agents in a department they head, and of a department with no head of
    // its own (the demo's call center: its operators work the lists every head hands out).
    private static async Task<bool> MaySuperviseAsync(CrmDbContext db, ClaimsPrincipal user, string? agent, CancellationToken cancellationToken)
    {
        if (user.IsInRole(nameof(StaffRole.Admin)))
        {
            return true;
        }

        if (!user.IsInRole(nameof(StaffRole.DepartmentHead)) || agent is null || user.Identity?.Name is not { } name)
        {
            return false;
        }

        var head = await (from u in db.Users
                          join s in db.Staff on u.StaffId equals s.Id
                          where u.UserName == name && u.IsActive && s.IsActive
                          select (Guid?)s.Id).FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);
        return head is not null && await (from s in db.Staff
                                          join d in db.Departments on s.DepartmentId equals d.Id
                                          where s.Extension == agent && (d.HeadStaffId == head || d.HeadStaffId == null)
                                          select s.Id).AnyAsync(cancellationToken).ConfigureAwait(false);
    }

    private static bool TryParseMode(string? text, out SupervisionMode mode) =>
        Enum.TryParse(text, ignoreCase: true, out mode) && Enum.IsDefined(mode) && !int.TryParse(text, out _);

    private static ProblemHttpResult BadMode() =>
        TypedResults.Problem("mode must be listen, whisper or barge.", statusCode: StatusCodes.Status400BadRequest);

    private static string Refusal(SupervisionStart started, string supervisor) => started switch
    {
        SupervisionStart.NotAnswered => "The call is not answered now (ringing, queued or being transferred).",
        SupervisionStart.AlreadySupervised => "Someone supervises this call already.",
        SupervisionStart.SupervisorNotRegistered => $"Your phone ({supervisor}) is not registered: supervision rings it.",
        SupervisionStart.SupervisorOnTheCall => "You are on this call.",
        _ => "No free media ports: try again shortly.",
    };
}

/// <summary>How to supervise a call.</summary>
/// <param name="Mode"><c>listen</c> (hear both, heard by none), <c>whisper</c> (heard by the agent only) or <c>barge</c> (a three-way call).</param>
public sealed record SupervisionRequest(string? Mode);
