using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using ContactCenter.Crm.Clients;
using ContactCenter.Crm.Model;
using ContactCenter.Crm.Persistence;
using ContactCenter.Crm.Users;
using ContactCenter.PhoneNumbers;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ContactCenter.Crm.Api;

/// <summary>The CRM's HTTP API: staff, users, client lookup.</summary>
public static class CrmEndpoints
{
    /// <summary>Maps the CRM endpoints under <c>/api</c>.</summary>
    public static IEndpointRouteBuilder MapCrmEndpoints(this IEndpointRouteBuilder app)
    {
        var staff = app.MapGroup("/api").RequireAuthorization(CrmPolicies.Staff).WithTags("CRM");
        staff.MapGet("/staff", ListStaffAsync);
        staff.MapGet("/clients", FindClientsAsync);
        staff.MapGet("/clients/{id:guid}", GetClientAsync);
        staff.MapGet("/client-types", async (CrmDbContext db, CancellationToken cancellationToken) => TypedResults.Ok(
            await db.ClientTypes.AsNoTracking().OrderBy(t => t.Name).Select(t => new ClientTypeDto(t.Code, t.Name)).ToListAsync(cancellationToken)));

        var admin = app.MapGroup("/api/users").RequireAuthorization(CrmPolicies.Admin).WithTags("Users");
        admin.MapGet("/", ListUsersAsync);
        admin.MapPost("/", CreateUserAsync);
        admin.MapPut("/{id:guid}/password", ResetPasswordAsync);
        admin.MapPut("/{id:guid}/active", SetActiveAsync);

        app.MapClientCardEndpoints();
        app.MapOrderEndpoints();
        app.MapCallLogEndpoints();
        app.MapOutboundEndpoints();
        app.MapDispatchEndpoints();
        app.MapClientAssignmentEndpoints();
        app.MapFeedbackEndpoints();
        app.MapNotificationEndpoints();
        app.MapReportEndpoints();
        app.MapRecordingEndpoints();
        app.MapWallboardEndpoints();
        app.MapMasterDataEndpoints();
        app.MapImportEndpoints();
        app.MapCatalogEndpoints();
        app.MapPromotionEndpoints();
        app.MapDocumentEndpoints();
        return app;
    }

    private static async Task<Ok<List<StaffDto>>> ListStaffAsync(CrmDbContext db, CancellationToken cancellationToken) =>
        TypedResults.Ok(await db.Staff.AsNoTracking().OrderBy(s => s.Extension)
            .Select(s => new StaffDto(s.Id, s.Extension, s.FullName, s.Role.ToString(), s.Department!.Code, s.IsKeyAccountManager, s.IsActive))
            .ToListAsync(cancellationToken));

    private static async Task<Results<Ok<List<ClientSummaryDto>>, ValidationProblem>> FindClientsAsync(
        CrmDbContext db, PhoneNumberNormalizer numbers, string? phone, string? q, CancellationToken cancellationToken)
    {
        var query = db.Clients.AsNoTracking();
        if (phone is not null)
        {
            if (!numbers.TryNormalize(phone, out var e164))
            {
                return TypedResults.ValidationProblem(new Dictionary<string, string[]>
                {
                    ["phone"] = [$"'{phone}' is not a phone number (expected e.g. +7 495 100-00-01 or 84951000001)."],
                });
            }

            query = query.Where(c => c.Phones.Any(p => p.E164 == e164));
        }

        if (!string.IsNullOrWhiteSpace(q))
        {
            var pattern = "%" + q.Trim().Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal) + "%";
            query = query.Where(c => EF.Functions.ILike(c.Name, pattern));
        }

        return TypedResults.Ok(await query.OrderBy(c => c.Name).Take(100).Select(ClientSummaryDto.Projection).ToListAsync(cancellationToken));
    }

    private static async Task<Results<Ok<ClientSummaryDto>, NotFound>> GetClientAsync(
        Guid id, CrmDbContext db, Audit audit, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var client = await db.Clients.AsNoTracking().Where(c => c.Id == id).Select(ClientSummaryDto.Projection).SingleOrDefaultAsync(cancellationToken);
        if (client is null)
        {
            return TypedResults.NotFound();
        }

        audit.Record(user.Identity?.Name ?? "?", "read", "client", id.ToString());
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(client);
    }

    private static async Task<Ok<List<UserDto>>> ListUsersAsync(CrmDbContext db, CancellationToken cancellationToken) =>
        TypedResults.Ok(await db.Users.AsNoTracking().OrderBy(u => u.UserName)
            .Select(u => new UserDto(u.Id, u.UserName, u.Roles, u.StaffId, u.IsActive)).ToListAsync(cancellationToken));

    private static async Task<Results<Created<UserDto>, ValidationProblem, ProblemHttpResult>> CreateUserAsync(
        CreateUserRequest request, CrmDbContext db, UserDirectory users, Audit audit, ClaimsPrincipal principal,
        CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(request.UserName) || request.UserName.Length > 64)
        {
            errors["userName"] = ["A user name of 1 to 64 characters is required."];
        }

        if (PasswordProblem(request.Password) is { } problem)
        {
            errors["password"] = [problem];
        }

        var unknownRoles = (request.Roles ?? []).Where(r => !Enum.TryParse<StaffRole>(r, out _)).ToList();
        if (request.Roles is not { Count: > 0 } || unknownRoles.Count > 0)
        {
            errors["roles"] = [$"Give one or more roles of: {string.Join(", ", Enum.GetNames<StaffRole>())}."];
        }

        if (request.StaffId is { } staffId && !await db.Staff.AnyAsync(s => s.Id == staffId, cancellationToken))
        {
            errors["staffId"] = [$"No member of staff has id {staffId}."];
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        if (await db.Users.AnyAsync(u => u.UserName == request.UserName, cancellationToken))
        {
            return TypedResults.Problem($"User '{request.UserName}' exists already.", statusCode: StatusCodes.Status409Conflict);
        }

        var user = await users.UpsertAsync(request.UserName!, request.Password!, request.Roles!, request.StaffId, cancellationToken);
        audit.Record(principal.Identity?.Name ?? "?", "create", "user", user.Id.ToString(), $"roles={string.Join(',', user.Roles)}");
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Created($"/api/users/{user.Id}", new UserDto(user.Id, user.UserName, user.Roles, user.StaffId, user.IsActive));
    }

    private static async Task<Results<NoContent, ValidationProblem, NotFound>> ResetPasswordAsync(Guid id, ResetPasswordRequest request,
        CrmDbContext db, UserDirectory users, Audit audit, ClaimsPrincipal principal, CancellationToken cancellationToken)
    {
        if (PasswordProblem(request?.Password) is { } problem)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["password"] = [problem] });
        }

        if (!await users.SetPasswordAsync(id, request!.Password!, cancellationToken))
        {
            return TypedResults.NotFound();
        }

        // The audit says who reset whose password, never the password.
        audit.Record(principal.Identity?.Name ?? "?", "reset-password", "user", id.ToString());
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.NoContent();
    }

    private static async Task<Results<Ok<UserDto>, ValidationProblem, NotFound, ProblemHttpResult>> SetActiveAsync(Guid id, SetActiveRequest request,
        CrmDbContext db, Audit audit, ClaimsPrincipal principal, HttpContext http, CancellationToken cancellationToken)
    {
        if (request?.Active is not { } active)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["active"] = ["Give active: true or false."] });
        }

        var user = await db.Users.SingleOrDefaultAsync(u => u.Id == id, cancellationToken);
        if (user is null)
        {
            return TypedResults.NotFound();
        }

        if (!active && string.Equals(user.UserName, principal.Identity?.Name, StringComparison.Ordinal))
        {
            return TypedResults.Problem("You cannot disable your own sign-in; ask another admin.", statusCode: StatusCodes.Status409Conflict);
        }

        user.IsActive = active;
        http.RequestServices.GetService<KnownUsers>()?.Forget(user.UserName); // an outage must not let a disabled user back in
        audit.Record(principal.Identity?.Name ?? "?", active ? "enable" : "disable", "user", user.Id.ToString(), user.UserName);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(new UserDto(user.Id, user.UserName, user.Roles, user.StaffId, user.IsActive));
    }

    /// <summary>Why <paramref name="password"/> cannot be used, or null.</summary>
    private static string? PasswordProblem(string? password) =>
        password is null || password.Length < 8 ? "The password must be at least 8 characters long." : null;
}

/// <summary>A new password for a user (never logged, stored or returned other than as a hash).</summary>
public sealed record ResetPasswordRequest(string? Password);

/// <summary>Enables (<c>true</c>) or disables (<c>false</c>) a user's sign-in.</summary>
public sealed record SetActiveRequest(bool? Active);

/// <summary>A member of staff as the API shows it.</summary>
public sealed record StaffDto(Guid Id, string Extension, string FullName, string Role, string? Department, bool IsKeyAccountManager, bool IsActive);

/// <summary>A client type (types are data: admins add more).</summary>
public sealed record ClientTypeDto(string Code, string Name);

/// <summary>A user as the API shows it (never the password hash).</summary>
public sealed record UserDto(Guid Id, string UserName, IReadOnlyList<string> Roles, Guid? StaffId, bool IsActive);

/// <summary>Request to create a user.</summary>
public sealed record CreateUserRequest(string? UserName, string? Password, List<string>? Roles, Guid? StaffId);
