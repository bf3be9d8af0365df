using System.Security.Claims;
using ContactCenter.Crm.Persistence;
using ContactCenter.Crm.Reports;
using ContactCenter.Crm.Users;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;

namespace ContactCenter.Crm.Api;

/// <summary>Reports per agent and per department over a period, as JSON or CSV (<c>?format=csv</c> or <c>Accept: text/csv</c>).</summary>
internal static class ReportEndpoints
{
    /// <summary>Maps <c>GET /api/reports/agents</c> (heads and admins; managers see their own row) and <c>GET /api/reports/departments</c> (heads and admins).</summary>
    public static IEndpointRouteBuilder MapReportEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGroup("/api/reports").RequireAuthorization(CrmPolicies.Reports).WithTags("Reports").MapGet("/agents", AgentsAsync);
        app.MapGroup("/api/reports").RequireAuthorization(CrmPolicies.Reports).WithTags("Reports").MapGet("/agent-time", AgentTimeAsync);
        app.MapGroup("/api/reports").RequireAuthorization(CrmPolicies.Reports).WithTags("Reports").MapGet("/intervals", IntervalsAsync);
        app.MapGroup("/api/reports").RequireAuthorization(CrmPolicies.Heads).WithTags("Reports").MapGet("/departments", DepartmentsAsync);
        return app;
    }

    internal static async Task<Results<Ok<ReportDto>, ContentHttpResult, ValidationProblem>> AgentsAsync(string? from, string? to, string? format,
        HttpRequest request, ReportReader reports, IOptions<ReportOptions> options, CrmDbContext db, Audit audit, ClaimsPrincipal user,
        CancellationToken cancellationToken)
    {
        if (!TryParse(from, to, format, request, options.Value, out var period, out var csv, out var problem))
        {
            return problem!;
        }

        var signedIn = await SignedInUser.ReadAsync(db, user, cancellationToken);
        // Managers read their own row only; heads and admins every agent's.
        var only = signedIn.SeesAllDepartments ? null : signedIn.Extension ?? "";
        var report = await reports.AgentsAsync(period!, only, cancellationToken);
        return await AnswerAsync(report, csv, ReportCsv.Agents, "agents", signedIn.UserName, db, audit, cancellationToken);
    }

    /// <summary>Agents' logged-in, available, on-call, wrap-up and break time and occupancy (heads and admins: everyone; managers: their own).</summary>
    internal static async Task<Results<Ok<AgentTimeReportDto>, ContentHttpResult, ValidationProblem>> AgentTimeAsync(string? from, string? to,
        string? format, HttpRequest request, AgentTimeReader reader, IOptions<ReportOptions> options, CrmDbContext db, Audit audit, ClaimsPrincipal user,
        CancellationToken cancellationToken)
    {
        if (!TryParse(from, to, format, request, options.Value, out var period, out var csv, out var problem))
        {
            return problem!;
        }

        var signedIn = await SignedInUser.ReadAsync(db, user, cancellationToken);
        var report = await reader.ReadAsync(period!, signedIn.SeesAllDepartments ? null : signedIn.Extension ?? "", cancellationToken);
        audit.Record(signedIn.UserName, "read", "report", "agent-time", $"from={report.From:O};to={report.To:O};rows={report.Rows.Count}");
        await db.SaveChangesAsync(cancellationToken);
        return csv ? TypedResults.Text(ReportCsv.AgentTime(report), "text/csv; charset=utf-8") : TypedResults.Ok(report);
    }

    /// <summary>
    /// Figures per agent, queue or department (<c>by</c>) and interval (<c>interval</c>: 15min, hour, day, week) with the
    /// period's total; heads and admins any grouping, managers their own agent rows only.
    /// </summary>
    internal static async Task<Results<Ok<IntervalReportDto>, ContentHttpResult, ValidationProblem, ProblemHttpResult>> IntervalsAsync(string? from,
        string? to, string? by, string? interval, string? format, HttpRequest request, IntervalReportReader reader, IOptions<ReportOptions> options,
        CrmDbContext db, Audit audit, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        TryParse(from, to, format, request, options.Value, out var period, out var csv, out var problem);
        var errors = problem?.ProblemDetails.Errors.ToDictionary() ?? [];
        if (!IntervalGrouping.ByName.TryGetValue(by ?? "", out var grouping))
        {
            errors["by"] = ["Give by: agent, queue or department."];
        }

        if (!IntervalGrouping.Intervals.ContainsKey(interval ?? ""))
        {
            errors["interval"] = ["Give interval: 15min, hour, day or week."];
        }
        else if (period is not null && interval!.Equals("15min", StringComparison.OrdinalIgnoreCase) && period.To - period.From > TimeSpan.FromDays(31))
        {
            errors["interval"] = ["15-minute intervals cover at most 31 days; choose hour, day or week."];
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors, title: "The report cannot be made");
        }

        var signedIn = await SignedInUser.ReadAsync(db, user, cancellationToken);
        if (!signedIn.SeesAllDepartments && grouping != IntervalGrouping.Agent)
        {
            return TypedResults.Problem("Managers read their own figures only: by=agent.", statusCode: StatusCodes.Status403Forbidden);
        }

        var report = await reader.ReadAsync(period!, grouping!, IntervalGrouping.Intervals.Keys.First(k => k.Equals(interval, StringComparison.OrdinalIgnoreCase)),
            signedIn.SeesAllDepartments ? null : signedIn.Extension ?? "-", cancellationToken);
        audit.Record(signedIn.UserName, "read", "report", "intervals", $"by={report.By};interval={report.Interval};from={report.From:O};to={report.To:O}");
        await db.SaveChangesAsync(cancellationToken);
        return csv ? TypedResults.Text(IntervalCsv.Write(report), "text/csv; charset=utf-8") : TypedResults.Ok(report);
    }

    internal static async Task<Results<Ok<ReportDto>, ContentHttpResult, ValidationProblem>> DepartmentsAsync(string? from, string? to, string? format,
        HttpRequest request, ReportReader reports, IOptions<ReportOptions> options, CrmDbContext db, Audit audit, ClaimsPrincipal user,
        CancellationToken cancellationToken)
    {
        if (!TryParse(from, to, format, request, options.Value, out var period, out var csv, out var problem))
        {
            return problem!;
        }

        var report = await reports.DepartmentsAsync(period!, cancellationToken);
        return await AnswerAsync(report, csv, ReportCsv.Departments, "departments", user.Identity?.Name ?? "?", db, audit, cancellationToken);
    }

    private static bool TryParse(string? from, string? to, string? format, HttpRequest request, ReportOptions options, out ReportPeriod? period,
        out bool csv, out ValidationProblem? problem)
    {
        ReportPeriod.TryParse(from, to, options.MaxPeriodDays, out period, out var errors);
        csv = CsvExport.Wanted(request, format, errors);

        problem = errors.Count > 0 ? TypedResults.ValidationProblem(errors, title: "The report cannot be made") : null;
        return problem is null;
    }

    private static async Task<Results<Ok<ReportDto>, ContentHttpResult, ValidationProblem>> AnswerAsync(ReportDto report, bool csv,
        Func<ReportDto, string> toCsv, string name, string userName, CrmDbContext db, Audit audit, CancellationToken cancellationToken)
    {
        audit.Record(userName, "read", "report", name, $"from={report.From:O};to={report.To:O};rows={report.Rows.Count}");
        await db.SaveChangesAsync(cancellationToken);
        return csv ? TypedResults.Text(toCsv(report), "text/csv; charset=utf-8") : TypedResults.Ok(report);
    }
}
