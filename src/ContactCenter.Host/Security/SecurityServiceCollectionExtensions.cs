using ContactCenter.Crm.Api;
using ContactCenter.Crm.Persistence;
using ContactCenter.Crm.Users;
using Microsoft.EntityFrameworkCore;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;

namespace ContactCenter.Host.Security;

/// <summary>Authentication (Basic for API clients, cookie for the web desktops) and role policies.</summary>
public static class SecurityServiceCollectionExtensions
{
    private const string SmartScheme = "BasicOrCookie";

    /// <summary>Adds authentication, authorization policies and the sign-in throttle.</summary>
    public static IServiceCollection AddContactCenterSecurity(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<LoginThrottleOptions>().Bind(configuration.GetSection(LoginThrottleOptions.Section));
        services.AddSingleton<LoginThrottle>();
        services.AddScoped<SignedInStaff>();
        services.AddAuthentication(SmartScheme)
            .AddPolicyScheme(SmartScheme, "Basic or cookie", options =>
                options.ForwardDefaultSelector = context =>
                    context.Request.Headers.Authorization.ToString().StartsWith("Basic ", StringComparison.OrdinalIgnoreCase)
                        ? BasicAuthenticationHandler.SchemeName
                        : CookieAuthenticationDefaults.AuthenticationScheme)
            .AddScheme<AuthenticationSchemeOptions, BasicAuthenticationHandler>(BasicAuthenticationHandler.SchemeName, null)
            .AddCookie(options =>
            {
                options.Cookie.Name = "contactcenter";
                options.Cookie.HttpOnly = true;
                options.Cookie.SameSite = SameSiteMode.Strict;
                options.SlidingExpiration = true;
                options.ExpireTimeSpan = TimeSpan.FromHours(10);
                // An API answers 401/403, it does not redirect to a page.
                options.Events.OnRedirectToLogin = context => { context.Response.StatusCode = StatusCodes.Status401Unauthorized; return Task.CompletedTask; };
                options.Events.OnRedirectToAccessDenied = context => { context.Response.StatusCode = StatusCodes.Status403Forbidden; return Task.CompletedTask; };
                // A user an admin disabled (or removed), whose password was reset or whose roles or staff link changed is
                // signed out at the next request, not when the cookie expires: the cookie's security stamp no longer matches.
                options.Events.OnValidatePrincipal = async context =>
                {
                    var name = context.Principal?.Identity?.Name;
                    var stamp = context.Principal?.FindFirst(SecurityStamp.ClaimType)?.Value;
                    var db = context.HttpContext.RequestServices.GetRequiredService<CrmDbContext>();
                    var user = name is null || stamp is null
                        ? null
                        : await db.Users.AsNoTracking().Where(u => u.UserName == name)
                            .Select(u => new { u.Id, u.PasswordHash, u.IsActive, u.Roles, u.StaffId })
                            .FirstOrDefaultAsync(context.HttpContext.RequestAborted);
                    if (user is null || !user.IsActive
                        || !string.Equals(stamp, SecurityStamp.Of(user.Id, user.PasswordHash, user.IsActive, user.Roles, user.StaffId), StringComparison.Ordinal))
                    {
                        context.RejectPrincipal();
                        await context.HttpContext.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
                    }
                };
            });

        services.AddAuthorizationBuilder()
            // Anything mapped without a policy needs a signed-in user: a forgotten RequireAuthorization fails closed.
            .SetFallbackPolicy(new Microsoft.AspNetCore.Authorization.AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build())
            .AddPolicy(CrmPolicies.Admin, policy => policy.RequireRole("Admin"))
            .AddPolicy(CrmPolicies.Staff, policy => policy.RequireRole(CrmPolicies.StaffRoles))
            .AddPolicy(CrmPolicies.Heads, policy => policy.RequireRole(CrmPolicies.HeadRoles))
            .AddPolicy(CrmPolicies.CallLists, policy => policy.RequireRole(CrmPolicies.CallListRoles))
            .AddPolicy(CrmPolicies.Dispatch, policy => policy.RequireRole(CrmPolicies.DispatchRoles))

            .AddPolicy(CrmPolicies.Reports, policy => policy.RequireRole(CrmPolicies.ReportRoles));
        return services;
    }
}
