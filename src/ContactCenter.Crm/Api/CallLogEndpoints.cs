using System.Globalization;
using System.Security.Claims;
using ContactCenter.Contracts.Calls;
using ContactCenter.Crm.CallLog;
using ContactCenter.Crm.Persistence;
using ContactCenter.PhoneNumbers;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace ContactCenter.Crm.Api;

/// <summary>
/// <c>/api/calls</c>: the call log. Admins and department heads see every call; everybody else sees the calls they
/// answered and the calls of clients assigned to them.
/// </summary>
public static class CallLogEndpoints
{
    private const int DefaultPageSize = 50;

    /// <summary>Maps the call log endpoints.</summary>
    public static IEndpointRouteBuilder MapCallLogEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/calls").RequireAuthorization(CrmPolicies.Staff).WithTags("Call log");
        group.MapGet("/", ListAsync);
        group.MapGet("/{id:guid}", GetAsync);
        return app;
    }

    /// <summary>True for the roles that see every call.</summary>
    public static bool SeesEveryCall(ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return user.IsInRole("Admin") || user.IsInRole("DepartmentHead");
    }

    private static async Task<IResult> ListAsync(HttpRequest request, string? from, string? to, string? agent, Guid? clientId, string? outcome,
        string? direction, string? number, int? page, int? pageSize, string? format, CallLogReader calls, PhoneNumberNormalizer numbers,
        Audit audit, CrmDbContext db, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        var query = new CallQuery(
            ParseTime(from, "from", errors), ParseTime(to, "to", errors), Clean(agent), clientId, Clean(outcome), Clean(direction), null,
            SeesEveryCall(user) ? null : user.Identity?.Name ?? "?");
        if (query.From is { } start && query.To is { } end && end <= start)
        {
            errors["to"] = ["to must be later than from."];
        }

        if (query.Outcome is { } o && !CallLogReader.Outcomes.Contains(o))
        {
            errors["outcome"] = [$"Give one of: {string.Join(", ", CallLogReader.Outcomes)}."];
        }

        if (query.Direction is { } d && !Enum.TryParse<CallDirection>(d, ignoreCase: true, out _))
        {
            errors["direction"] = [$"Give one of: {string.Join(", ", Enum.GetNames<CallDirection>())}."];
        }

        if (Clean(number) is { } n)
        {
            if (numbers.TryNormalize(n, out var e164))
            {
                query = query with { NumberE164 = e164 };
            }
            else
            {
                errors["number"] = [$"'{n}' is not a phone number."];
            }
        }

        if (page is < 1 or > 1_000_000)
        {
            errors["page"] = ["Pages are numbered from 1 to 1,000,000."];
        }

        if (pageSize is < 1 or > CallLogReader.MaxPageSize)
        {
            errors["pageSize"] = [$"Give a page size from 1 to {CallLogReader.MaxPageSize}."];
        }

        if (format is not null && !string.Equals(format, "csv", StringComparison.OrdinalIgnoreCase) && !string.Equals(format, "json", StringComparison.OrdinalIgnoreCase))
        {
            errors["format"] = ["Give csv or json."];
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        if (CsvExport.Wanted(request, format))
        {
            // A bulk read of the call log is worth an audit line: who took which calls out.
            audit.Record(user.Identity?.Name ?? "?", "export", "calls", null, request.QueryString.Value);
            await db.SaveChangesAsync(cancellationToken);
            return CsvExport.Stream(calls.StreamAsync(query, cancellationToken), $"calls-{DateTime.UtcNow:yyyyMMdd-HHmmss}.csv");
        }

        return TypedResults.Ok(await calls.ListAsync(query, page ?? 1, pageSize ?? DefaultPageSize, cancellationToken));
    }

    private static async Task<Results<Ok<CallDetailDto>, NotFound>> GetAsync(Guid id, CallLogReader calls, ClaimsPrincipal user,
        CancellationToken cancellationToken) =>
        await calls.GetAsync(id, SeesEveryCall(user) ? null : user.Identity?.Name ?? "?", cancellationToken) is { } call
            ? TypedResults.Ok(call)
            : TypedResults.NotFound();

    private static string? Clean(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private static DateTimeOffset? ParseTime(string? value, string name, Dictionary<string, string[]> errors)
    {
        if (Clean(value) is not { } text)
        {
            return null;
        }

        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return new DateTimeOffset(date.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        }

        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var time))
        {
            return time;
        }

        errors[name] = [$"'{text}' is not a date (2026-11-30) or a time (2026-11-30T09:00:00Z)."];
        return null;
    }
}
