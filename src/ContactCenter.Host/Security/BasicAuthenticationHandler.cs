using System.Net.Http.Headers;
using System.Security.Claims;
using System.Text;
using System.Text.Encodings.Web;
using ContactCenter.Crm.Messaging;
using ContactCenter.Crm.Persistence;
using ContactCenter.Crm.Users;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace ContactCenter.Host.Security;

/// <summary>
/// HTTP Basic authentication against the CRM's users (like RabbitMQ's management API). ASP.NET Core
/// ships no Basic handler, so this one is ours; it shares the failure throttle with the sign-in form. While the database
/// is down, credentials it verified earlier in this run still work (<see cref="VerifiedBasicCredentials"/>), another
/// password for such a user is a failure, and a user never verified in this run gets 503 "CRM unavailable".
/// </summary>
public sealed class BasicAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory loggerFactory,
    UrlEncoder encoder,
    UserDirectory users,
    LoginThrottle throttle,
    VerifiedBasicCredentials verified,
    DatabaseOutage outage) : AuthenticationHandler<AuthenticationSchemeOptions>(options, loggerFactory, encoder)
{
    /// <summary>Scheme name.</summary>
    public const string SchemeName = "Basic";

    /// <inheritdoc />
    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (!AuthenticationHeaderValue.TryParse(Request.Headers.Authorization, out var header)
            || !string.Equals(header.Scheme, SchemeName, StringComparison.OrdinalIgnoreCase))
        {
            return AuthenticateResult.NoResult();
        }

        var remote = Context.Connection.RemoteIpAddress;
        if (!TryDecode(header.Parameter, out var userName, out var password))
        {
            throttle.Failed(remote);
            return AuthenticateResult.Fail("Malformed Basic credentials.");
        }

        if (throttle.IsBlocked(remote, userName))
        {
            return AuthenticateResult.Fail("Too many failed sign-ins; try again later.");
        }

        // While the database is known to be down, credentials it verified earlier in this run are checked in memory.
        ClaimsPrincipal? principal = null;
        var verdict = outage.IsDown ? verified.Check(userName, password, out principal) : VerifiedBasicCredentials.Verdict.Unknown;
        if (verdict == VerifiedBasicCredentials.Verdict.Unknown)
        {
            try
            {
                var user = await users.ValidateAsync(userName, password, Context.RequestAborted);
                principal = user is null ? null : UserPrincipal.Create(user, SchemeName);
                if (principal is null)
                {
                    verified.Forget(userName);
                }
                else
                {
                    verified.Verified(userName, password, principal);
                }
            }
            catch (Exception ex) when (BusTransport.IsOutage(ex))
            {
                // Credentials never verified in this run cannot be checked: the outage goes on to 503 "CRM unavailable".
                outage.Failed();
                if (verified.Check(userName, password, out principal) == VerifiedBasicCredentials.Verdict.Unknown)
                {
                    throw;
                }
            }
        }

        if (principal is null)
        {
            throttle.Failed(remote, userName);
            return AuthenticateResult.Fail("Invalid user name or password.");
        }

        return AuthenticateResult.Success(new AuthenticationTicket(principal, SchemeName));
    }

    /// <inheritdoc />
    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.WWWAuthenticate = "Basic realm=\"ContactCenter\", charset=\"UTF-8\"";
        return Task.CompletedTask;
    }

    private static bool TryDecode(string? parameter, out string userName, out string password)
    {
        userName = password = "";
        if (string.IsNullOrEmpty(parameter) || parameter.Length > 1024)
        {
            return false;
        }

        Span<byte> buffer = stackalloc byte[768];
        if (!Convert.TryFromBase64String(parameter, buffer, out var written))
        {
            return false;
        }

        var text = Encoding.UTF8.GetString(buffer[..written]);
        var colon = text.IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0)
        {
            return false;
        }

        userName = text[..colon];
        password = text[(colon + 1)..];
        return true;
    }
}
