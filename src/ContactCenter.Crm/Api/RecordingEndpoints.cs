using System.Globalization;
using System.Security.Claims;
using ContactCenter.Crm.Persistence;
using ContactCenter.Crm.Recordings;
using ContactCenter.Crm.Users;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace ContactCenter.Crm.Api;

/// <summary>
/// <c>/api/recordings</c>: search the recordings catalogue (department heads and admins), read one recording with who
/// played and downloaded it, and play (HTTP range requests) or download its WAV file (staff: what the catalogue lets each see).
/// </summary>
internal static class RecordingEndpoints
{
    private const int DefaultPageSize = 50;

    /// <summary>Maps the recordings endpoints.</summary>
    public static IEndpointRouteBuilder MapRecordingEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGroup("/api/recordings").RequireAuthorization(CrmPolicies.Heads).WithTags("Recordings").MapGet("/", SearchAsync);
        // One recording: staff, limited by the catalogue to what each may hear (an operator: the voicemails of their lists).
        var one = app.MapGroup("/api/recordings").RequireAuthorization(CrmPolicies.Staff).WithTags("Recordings");
        one.MapGet("/{callId:guid}", GetAsync);
        one.MapGet("/{callId:guid}/audio", AudioAsync);
        return app;
    }

    internal static async Task<Results<Ok<RecordingPageDto>, ValidationProblem>> SearchAsync(string? from, string? to, string? client, Guid? clientId,
        string? agent, string? queue, string? disposition, string? order, int? page, int? pageSize, RecordingCatalogue recordings, CrmDbContext db,
        ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        var query = new RecordingQuery(CallLogEndpoints.ParseTime(from, "from", errors), CallLogEndpoints.ParseTime(to, "to", errors, endOfDay: true),
            CallLogEndpoints.Clean(client), clientId, CallLogEndpoints.Clean(agent), CallLogEndpoints.Clean(queue), CallLogEndpoints.Clean(disposition));
        if (query is { From: { } start, To: { } end } && end <= start)
        {
            errors["to"] = ["to must be later than from."];
        }

        if (CallLogEndpoints.Clean(order) is { } number)
        {
            if (long.TryParse(number, NumberStyles.None, CultureInfo.InvariantCulture, out var n))
            {
                query = query with { OrderNumber = n };
            }
            else
            {
                errors["order"] = [$"'{number}' is not an order number (digits only)."];
            }
        }

        Paging.Validate(page, pageSize, RecordingCatalogue.MaxPageSize, errors);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors, title: "The search cannot be made");
        }

        var signedIn = await SignedInUser.ReadAsync(db, user, cancellationToken);
        return TypedResults.Ok(await recordings.SearchAsync(query, signedIn, page ?? 1, pageSize ?? DefaultPageSize, cancellationToken));
    }

    internal static async Task<Results<Ok<RecordingDetailDto>, NotFound, ValidationProblem, ProblemHttpResult>> GetAsync(Guid callId,
        RecordingCatalogue recordings, CrmDbContext db, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var signedIn = await SignedInUser.ReadAsync(db, user, cancellationToken);
        return DeskHttp.Ok(await recordings.GetAsync(callId, signedIn, RolesOf(user), cancellationToken));
    }

    /// <summary>
    /// The WAV file with range support. A play is audited once, on the request that starts at the first byte (a player's
    /// later range requests for seeking are not new plays); <c>?download=true</c> sends it as an attachment, always audited.
    /// </summary>
    internal static async Task<IResult> AudioAsync(Guid callId, bool? download, HttpRequest request, RecordingCatalogue recordings, CrmDbContext db,
        ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var range = request.Headers.Range.ToString();
        var fromStart = range.Length == 0 || range.Replace(" ", "", StringComparison.Ordinal).StartsWith("bytes=0-", StringComparison.OrdinalIgnoreCase);
        var signedIn = await SignedInUser.ReadAsync(db, user, cancellationToken);
        var opened = await recordings.OpenAsync(callId, signedIn, RolesOf(user), download == true, fromStart, cancellationToken);
        if (!opened.Succeeded)
        {
            return DeskHttp.Refusal(opened.Error);
        }

        return TypedResults.PhysicalFile(opened.Value!, "audio/wav", download == true ? $"call-{callId}.wav" : null, enableRangeProcessing: true);
    }

    private static List<string> RolesOf(ClaimsPrincipal user) => user.FindAll(ClaimTypes.Role).Select(c => c.Value).ToList();
}
