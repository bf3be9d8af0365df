using System.Security.Claims;
using ContactCenter.CallEngine.Configuration;
using ContactCenter.Crm;
using ContactCenter.Crm.Api;
using ContactCenter.Crm.Model;
using ContactCenter.Crm.Persistence;
using ContactCenter.Host.Configuration;
using ContactCenter.Host.Sip.Trunks;
using ContactCenter.Sessions;
using ContactCenter.Sip.UserAgents.Outbound;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace ContactCenter.Host.Api;

/// <summary>
/// Admins manage the carrier trunks (issue #17): peer, trust, digest account, registration, caller ID, prefixes,
/// priority and numbers (DIDs). The configured trunk (<c>Sip:Trunk</c>) is listed read-only. Every change is audited
/// (never with the password) and takes effect at once through the in-memory snapshot.
/// </summary>
public static class TrunkEndpoints
{
    /// <summary>Maps <c>/api/sip/trunks</c> (admins).</summary>
    public static IEndpointRouteBuilder MapTrunkEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/sip/trunks").RequireAuthorization(CrmPolicies.Admin).WithTags("SIP");
        group.MapGet("/", List);
        group.MapPost("/", CreateAsync);
        group.MapPut("/{name}", UpdateAsync);
        group.MapDelete("/{name}", DeleteAsync);
        return app;
    }

    private static Ok<List<TrunkDto>> List(TrunkCatalog catalog, OutboundRegistrations registrations)
    {
        var states = registrations.Statuses.GroupBy(s => s.Name, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        return TypedResults.Ok(catalog.All.Select(t => ToDto(t, states.GetValueOrDefault(t.Name))).ToList());
    }

    private static async Task<Results<Created<TrunkDto>, ValidationProblem, ProblemHttpResult>> CreateAsync(TrunkRequest request, CrmDbContext db,
        TrunkRefresher refresher, TrunkCatalog catalog, IOptions<SipSettings> sip, IOptions<OutboundRegistrationsOptions> configured, Audit audit,
        TimeProvider time, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var name = request?.Name?.Trim() ?? "";
        var errors = await CheckAsync(request!, name, hasStoredPassword: false, db, sip.Value, cancellationToken);
        if (catalog.Configured?.Name == name || configured.Value.Registrations.Any(r => r.Name == name))
        {
            errors["name"] = [$"'{name}' is the name of a configured trunk or registration."];
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        if (await db.Trunks.AnyAsync(t => t.Name == name, cancellationToken))
        {
            return TypedResults.Problem($"Trunk {name} exists already: change it instead.", statusCode: StatusCodes.Status409Conflict);
        }

        var row = new Trunk { Name = name, Address = "" };
        Apply(row, request!, time);
        db.Trunks.Add(row);
        audit.Record(user.Identity?.Name ?? "?", "create", "trunk", name, Describe(row));
        await db.SaveChangesAsync(cancellationToken);
        await refresher.RefreshAsync(cancellationToken);
        return TypedResults.Created($"/api/sip/trunks/{name}", ToDto(TrunkRows.ToDefinition(row), null));
    }

    private static async Task<Results<Ok<TrunkDto>, ValidationProblem, NotFound, ProblemHttpResult>> UpdateAsync(string name, TrunkRequest request,
        CrmDbContext db, TrunkRefresher refresher, TrunkCatalog catalog, IOptions<SipSettings> sip, Audit audit, TimeProvider time, ClaimsPrincipal user,
        CancellationToken cancellationToken)
    {
        if (catalog.Configured?.Name == name)
        {
            return TypedResults.Problem($"Trunk {name} comes from the configuration (Sip:Trunk) and is read-only here.", statusCode: StatusCodes.Status409Conflict);
        }

        var row = await db.Trunks.Include(t => t.Numbers).SingleOrDefaultAsync(t => t.Name == name, cancellationToken);
        if (row is null)
        {
            return TypedResults.NotFound();
        }

        var errors = await CheckAsync(request, name, !string.IsNullOrEmpty(row.Password), db, sip.Value, cancellationToken);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        Apply(row, request, time);
        audit.Record(user.Identity?.Name ?? "?", "update", "trunk", name, Describe(row));
        await db.SaveChangesAsync(cancellationToken);
        await refresher.RefreshAsync(cancellationToken);
        return TypedResults.Ok(ToDto(TrunkRows.ToDefinition(row), null));
    }

    private static async Task<Results<NoContent, NotFound>> DeleteAsync(string name, CrmDbContext db, TrunkRefresher refresher, Audit audit, ClaimsPrincipal user,
        CancellationToken cancellationToken)
    {
        var row = await db.Trunks.SingleOrDefaultAsync(t => t.Name == name, cancellationToken);
        if (row is null)
        {
            return TypedResults.NotFound();
        }

        db.Trunks.Remove(row);
        audit.Record(user.Identity?.Name ?? "?", "delete", "trunk", name);
        await db.SaveChangesAsync(cancellationToken);
        await refresher.RefreshAsync(cancellationToken);
        return TypedResults.NoContent();
    }

    // Field errors, plus numbers another trunk has already.
    private static async Task<Dictionary<string, string[]>> CheckAsync(TrunkRequest request, string name, bool hasStoredPassword, CrmDbContext db, SipSettings sip,
        CancellationToken cancellationToken)
    {
        if (request is null)
        {
            return new Dictionary<string, string[]> { ["name"] = ["Give the trunk's settings."] };
        }

        var accounts = await db.SipAccounts.Select(a => a.Extension).ToListAsync(cancellationToken);
        var errors = TrunkValidation.Check(request, name, hasStoredPassword,
            target => sip.ServiceNumbers.ContainsKey(target) || sip.Extensions.ContainsKey(target) || accounts.Contains(target));
        var numbers = (request.Numbers ?? []).Select(n => n?.Number).OfType<string>().ToList();
        if (!errors.ContainsKey("numbers") && numbers.Count > 0
            && await db.TrunkNumbers.Where(n => numbers.Contains(n.Number) && n.TrunkName != name).Select(n => n.Number + " (" + n.TrunkName + ")")
                .FirstOrDefaultAsync(cancellationToken) is { } taken)
        {
            errors["numbers"] = [$"{taken} belongs to another trunk."];
        }

        return errors;
    }

    private static void Apply(Trunk row, TrunkRequest request, TimeProvider time)
    {
        row.Address = request.Address!.Trim();
        row.Port = request.Port ?? 5060;
        row.Transport = request.Transport ?? "udp";
        row.SourceAddresses = [.. request.SourceAddresses ?? []];
        row.AuthUser = string.IsNullOrEmpty(request.AuthUser) ? null : request.AuthUser;
        if (request.Password is not null || row.AuthUser is null)
        {
            row.Password = string.IsNullOrEmpty(request.Password) || row.AuthUser is null ? null : request.Password;
        }

        row.Realm = string.IsNullOrEmpty(request.Realm) ? null : request.Realm;
        row.Register = request.Register ?? false;
        row.RegisterUser = string.IsNullOrEmpty(request.RegisterUser) ? null : request.RegisterUser;
        row.RegisterDomain = string.IsNullOrEmpty(request.RegisterDomain) ? null : request.RegisterDomain;
        row.RegisterExpires = request.RegisterExpires ?? 3600;
        row.CallerId = string.IsNullOrEmpty(request.CallerId) ? null : request.CallerId;
        row.Prefixes = [.. request.Prefixes ?? []];
        row.Codecs = LegCodecs.TryNormalize(request.Codecs, out var codecs, out _) ? [.. codecs] : [];
        row.RequireTlsAndSrtp = request.RequireTlsAndSrtp ?? false;
        row.Priority = request.Priority ?? 100;
        row.IsEnabled = request.Enabled ?? true;
        // The numbers in place: kept ones retargeted, others removed, new ones added.
        var wanted = (request.Numbers ?? []).ToDictionary(n => n.Number!, n => n.Target!, StringComparer.Ordinal);
        row.Numbers.RemoveAll(n => !wanted.ContainsKey(n.Number));
        foreach (var number in row.Numbers)
        {
            number.Target = wanted[number.Number];
        }

        row.Numbers.AddRange(wanted.Where(w => row.Numbers.TrueForAll(n => n.Number != w.Key))
            .Select(w => new TrunkNumber { Number = w.Key, Target = w.Value, TrunkName = row.Name }));
        row.UpdatedAt = time.GetUtcNow();
    }

    // What the audit keeps of a change: everything but the password.
    private static string Describe(Trunk row) =>
        $"{row.Transport}:{row.Address}:{row.Port} user={row.AuthUser ?? "-"} register={row.Register} priority={row.Priority} enabled={row.IsEnabled} "
        + $"prefixes={string.Join(",", row.Prefixes)} codecs={string.Join(",", row.Codecs)} tls-srtp={row.RequireTlsAndSrtp} numbers={string.Join(",", row.Numbers.Select(n => n.Number + "->" + n.Target))}";

    private static TrunkDto ToDto(TrunkDefinition trunk, OutboundRegistrationStatus? status)
    {
        var registration = trunk.Registration;
        return new TrunkDto(trunk.Name, trunk.IsConfigured ? "configuration" : "database", trunk.IsConfigured, trunk.Address.ToString(), trunk.Port,
            trunk.Transport.ToString().ToLowerInvariant(), [.. trunk.Sources.Select(s => s.ToString())], trunk.Credentials?.User, trunk.Credentials is not null,
            trunk.Credentials?.Realm, registration is not null, registration?.User, registration?.Domain, registration?.Expires ?? 3600, trunk.CallerId,
            trunk.Prefixes, trunk.AllowedDestinations, trunk.Priority, trunk.IsEnabled,
            [.. trunk.Numbers.OrderBy(n => n.Key, StringComparer.Ordinal).Select(n => new TrunkNumberDto(n.Key, n.Value))],
            status is null ? null : new TrunkRegistrationDto(status.State.ToString().ToLowerInvariant(), status.ExpiresAt, status.LastError, status.NextAttemptAt),
            trunk.Codecs, trunk.RequireTlsAndSrtp);
    }
}
