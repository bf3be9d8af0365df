using System.Security.Claims;
using ContactCenter.Crm;
using ContactCenter.Crm.Persistence;
using ContactCenter.Crm.Users;
using ContactCenter.Host.Security;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ContactCenter.Host.Api;

/// <summary>Sign-in for the web desktops (cookie), sign-out, and who am I.</summary>
public static class AuthEndpoints
{
    /// <summary>Maps <c>/api/auth</c>.</summary>
    public static IEndpointRouteBuilder MapAuthEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/auth").WithTags("Authentication");
        group.MapPost("/login", LoginAsync).AllowAnonymous();
        group.MapPost("/logout", (Delegate)LogoutAsync).RequireAuthorization();
        group.MapGet("/me", MeAsync).RequireAuthorization();
        return app;
    }

    private static async Task<Results<Ok<MeResponse>, ValidationProblem, UnauthorizedHttpResult, ProblemHttpResult>> LoginAsync(
        LoginRequest request, HttpContext context, UserDirectory users, LoginThrottle throttle, Audit audit, CrmDbContext db, SignedInStaff staff)
    {
        if (string.IsNullOrWhiteSpace(request.UserName) || string.IsNullOrEmpty(request.Password))
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]>
            {
                ["userName"] = ["Enter a user name and a password."],
            });
        }

        var remote = context.Connection.RemoteIpAddress;
        if (throttle.IsBlocked(remote, request.UserName))
        {
            return TypedResults.Problem("Too many failed sign-ins from this address or for this user; try again in a few minutes.",
                statusCode: StatusCodes.Status429TooManyRequests);
        }

        var user = await users.ValidateAsync(request.UserName, request.Password, context.RequestAborted);
        if (user is null)
        {
            throttle.Failed(remote, request.UserName);
            return TypedResults.Unauthorized();
        }

        var principal = UserPrincipal.Create(user, CookieAuthenticationDefaults.AuthenticationScheme);
        await context.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, principal);
        audit.Record(user.UserName, "sign-in", "user", user.Id.ToString());
        await db.SaveChangesAsync(context.RequestAborted);
        return TypedResults.Ok(MeResponse.From(principal, await staff.ExtensionOfAsync(principal, context.RequestAborted)));
    }

    private static async Task<NoContent> LogoutAsync(HttpContext context)
    {
        await context.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
        return TypedResults.NoContent();
    }

    private static async Task<Ok<MeResponse>> MeAsync(ClaimsPrincipal user, SignedInStaff staff, CancellationToken cancellationToken) =>
        TypedResults.Ok(MeResponse.From(user, await staff.ExtensionOfAsync(user, cancellationToken)));
}

/// <summary>Sign-in form.</summary>
public sealed record LoginRequest(string? UserName, string? Password);

/// <summary>The signed-in user, and the extension of the staff record behind it (null: the user is nobody's phone).</summary>
public sealed record MeResponse(string UserName, IReadOnlyList<string> Roles, string? StaffId, string? Extension)
{
    internal static MeResponse From(ClaimsPrincipal user, string? extension) => new(
        user.Identity?.Name ?? "",
        user.FindAll(ClaimTypes.Role).Select(c => c.Value).ToList(),
        user.FindFirst(UserPrincipal.StaffIdClaim)?.Value,
        extension);
}
