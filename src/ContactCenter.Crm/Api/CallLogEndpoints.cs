using System.Globalization;
using System.Security.Claims;
using ContactCenter.Contracts.Calls;
using ContactCenter.Crm.CallLog;
using ContactCenter.Crm.Outbound;
using ContactCenter.Crm.Persistence;
using ContactCenter.Crm.Users;
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
internal static class CallLogEndpoints
{
    private const int DefaultPageSize = 50;
    private const string NoExtension = "-";

    /// <summary>Maps the call log endpoints.</summary>
    public static IEndpointRouteBuilder MapCallLogEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/calls").RequireAuthorization(CrmPolicies.Staff).WithTags("Call log");
        group.MapGet("/", ListAsync);
        group.MapGet("/{id:guid}", GetAsync);
        group.MapCallDispositionEndpoints();
        return app;
    }

    /// <summary>True for the roles that see every call.</summary>
    public static bool SeesEveryCall(ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return user.IsInRole("Admin") || user.IsInRole("DepartmentHead");
    }

    private static async Task<IResult> ListAsync(HttpRequest request, string? from, string? to, string? agent, Guid? clientId, string? outcome,
        string? direction, string? number, bool? mine, int? page, int? pageSize, string? format, CallLogReader calls, PhoneNumberNormalizer numbers,
        Audit audit, CrmDbContext db, TimeProvider time, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        var query = new CallQuery(
            ParseTime(from, "from", errors), ParseTime(to, "to", errors), Clean(agent), clientId, Clean(outcome), Clean(direction), null,
            await ParticipantAsync(db, user, cancellationToken));
        if (mine == true)
        {
            // "My calls": the calls the user's own extension answered, whoever may see more.
            if (query.Agent is not null)
            {
                errors["mine"] = ["Give either agent or mine."];
            }

            query = query with { Agent = (await StaffLookup.OfAsync(db, user, cancellationToken))?.Extension ?? NoExtension };
        }

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

        Paging.Validate(page, pageSize, CallLogReader.MaxPageSize, errors);

        var csv = CsvExport.Wanted(request, format, errors);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        if (csv)
        {
            // A bulk read of the call log is worth an audit line: who took which calls out.
            audit.Record(user.Identity?.Name ?? "?", "export", "calls", null, request.QueryString.Value);
            await db.SaveChangesAsync(cancellationToken);
            return CsvExport.Stream(calls.StreamAsync(query, cancellationToken), $"calls-{time.GetUtcNow():yyyyMMdd-HHmmss}.csv");
        }

        return TypedResults.Ok(await calls.ListAsync(query, page ?? 1, pageSize ?? DefaultPageSize, cancellationToken));
    }

    private static async Task<Results<Ok<CallDetailDto>, NotFound>> GetAsync(Guid id, CallLogReader calls, CrmDbContext db, ClaimsPrincipal user,
        CancellationToken cancellationToken) =>
        await calls.GetAsync(id, await ParticipantAsync(db, user, cancellationToken), cancellationToken) is { } call
            ? TypedResults.Ok(call)
            : TypedResults.NotFound();

    /// <summary>
    /// Null for those who see every call; else the extension of the member of staff behind the user (not the user
    /// name: an admin may name a user anything), or a value no call has when no staff record is linked.
    /// </summary>
    internal static async Task<string?> ParticipantAsync(CrmDbContext db, ClaimsPrincipal user, CancellationToken cancellationToken) =>
        SeesEveryCall(user) ? null : (await StaffLookup.OfAsync(db, user, cancellationToken))?.Extension ?? NoExtension;

    /// <summary>A filter value trimmed, or null when blank.</summary>
    internal static string? Clean(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    /// <summary>
    /// A date (its start, or with <paramref name="endOfDay"/> the next day's start) or a time, UTC; null when blank; a bad
    /// value adds an error naming <paramref name="name"/>.
    /// </summary>
    internal static DateTimeOffset? ParseTime(string? value, string name, Dictionary<string, string[]> errors, bool endOfDay = false)
    {
        if (Clean(value) is not { } text)
        {
            return null;
        }

        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            var start = new DateTimeOffset(date.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
            return endOfDay ? start.AddDays(1) : start;
        }

        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var time))
        {
            return time;
        }

        errors[name] = [$"'{text}' is not a date (2026-11-30) or a time (2026-11-30T09:00:00Z)."];
        return null;
    }
}
