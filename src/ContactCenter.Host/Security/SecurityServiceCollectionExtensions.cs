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
        services.AddSingleton<KnownUsers>();
        services.AddSingleton<DatabaseOutage>();
        services.AddSingleton<VerifiedBasicCredentials>();
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
                // While the database is down, a stamp it confirmed earlier in this run is accepted (KnownUsers): call control
                // goes on through an outage; a cookie never confirmed in this run gets "CRM unavailable".
                options.Events.OnValidatePrincipal = async context =>
                {
                    var name = context.Principal?.Identity?.Name;
                    var stamp = context.Principal?.FindFirst(SecurityStamp.ClaimType)?.Value;
                    var known = context.HttpContext.RequestServices.GetRequiredService<KnownUsers>();
                    var outage = context.HttpContext.RequestServices.GetRequiredService<DatabaseOutage>();
                    if (name is not null && stamp is not null && outage.IsDown && known.WasConfirmed(name, stamp))
                    {
                        return;
                    }

                    var db = context.HttpContext.RequestServices.GetRequiredService<CrmDbContext>();
                    try
                    {
                        var user = name is null || stamp is null
                            ? null
                            : await db.Users.AsNoTracking().Where(u => u.UserName == name)
                                .Select(u => new
                                {
                                    u.Id, u.PasswordHash, u.IsActive, u.Roles, u.StaffId,
                                    Extension = db.Staff.Where(s => s.Id == u.StaffId && s.IsActive).Select(s => s.Extension).FirstOrDefault(),
                                })
                                .FirstOrDefaultAsync(context.HttpContext.RequestAborted);
                        if (user is null || !user.IsActive
                            || !string.Equals(stamp, SecurityStamp.Of(user.Id, user.PasswordHash, user.IsActive, user.Roles, user.StaffId), StringComparison.Ordinal))
                        {
                            if (name is not null)
                            {
                                known.Forget(name);
                            }

                            context.RejectPrincipal();
                            await context.HttpContext.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
                            return;
                        }

                        known.Confirmed(name!, stamp!, user.Extension);
                    }
                    catch (Exception ex) when (Crm.Messaging.BusTransport.IsOutage(ex))
                    {
                        outage.Failed();
                        if (!known.WasConfirmed(name!, stamp!))
                        {
                            throw;
                        }
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
