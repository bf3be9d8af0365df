using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;

namespace ContactCenter.Host.Startup;

/// <summary>
/// Turns a database outage under any endpoint into a clear 503 "CRM unavailable" with Retry-After, instead of a 500:
/// the desk shows it and telephony goes on. Everything else goes to the default handler.
/// </summary>
public sealed partial class CrmUnavailableExceptionHandler(DatabaseStartup database, IProblemDetailsService problems,
    ILogger<CrmUnavailableExceptionHandler> logger) : IExceptionHandler
{
    /// <summary>Seconds the client is told to wait before trying again.</summary>
    public const int RetryAfterSeconds = 10;

    /// <inheritdoc />
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        if (!IsOutage(exception, database.Prepared))
        {
            return false;
        }

        LogUnavailable(logger, httpContext.Request.Method, httpContext.Request.Path, Innermost(exception).Message);
        httpContext.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        httpContext.Response.Headers.RetryAfter = RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            Exception = exception,
            ProblemDetails = new ProblemDetails
            {
                Status = StatusCodes.Status503ServiceUnavailable,
                Title = "CRM unavailable",
                Detail = "The CRM database cannot be reached. Calls go on; client cards, orders and the call log come back when it returns.",
            },
        });
    }

    /// <summary>True when <paramref name="exception"/> says the database is down or not prepared (not that a request was bad).</summary>
    public static bool IsOutage(Exception exception, bool databasePrepared)
    {
        if (Crm.Messaging.BusTransport.IsOutage(exception))
        {
            return true;
        }

        // Before the first migration, a missing database or table is the outage's after-effect, not a bug.
        for (var e = exception; e is not null && !databasePrepared; e = e.InnerException)
        {
            if (e is Npgsql.PostgresException { SqlState: "42P01" or "3D000" })
            {
                return true;
            }
        }

        return false;
    }

    private static Exception Innermost(Exception exception) => exception.InnerException is null ? exception : Innermost(exception.InnerException);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Method} {Path}: CRM unavailable (503): {Reason}")]
    private static partial void LogUnavailable(ILogger logger, string method, string path, string reason);
}
