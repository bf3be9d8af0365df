using ContactCenter.Sip.UserAgents;
using System.Security.Claims;
using ContactCenter.Crm;
using ContactCenter.Crm.Api;
using ContactCenter.Crm.Model;
using ContactCenter.Crm.Persistence;
using ContactCenter.Host.Configuration;
using ContactCenter.Host.Security;
using ContactCenter.Host.Sip;
using ContactCenter.Sip.UserAgents.Authentication;
using ContactCenter.Sip.UserAgents.Registration;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace ContactCenter.Host.Api;

/// <summary>
/// Admins manage the extensions' SIP credentials in the database: create an extension, reset its password (a new
/// random one, shown once in the answer and nowhere else), disable or enable it. Only HA1 digests are stored; the
/// audit names who did what, never a password.
/// </summary>
public static class SipAccountEndpoints
{
    /// <summary>Maps <c>/api/sip/accounts</c> (admins).</summary>
    public static IEndpointRouteBuilder MapSipAccountEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/sip/accounts").RequireAuthorization(CrmPolicies.Admin).WithTags("SIP");
        group.MapGet("/", ListAsync);
        group.MapPost("/", CreateAsync);
        group.MapPost("/{extension}/password", ResetPasswordAsync);
        group.MapPut("/{extension}/active", SetActiveAsync);
        return app;
    }

    private static async Task<Ok<List<SipAccountDto>>> ListAsync(CrmDbContext db, IOptions<SipSettings> sip, CancellationToken cancellationToken)
    {
        var accounts = await db.SipAccounts.AsNoTracking().ToDictionaryAsync(a => a.Extension, cancellationToken);
        var list = sip.Value.Extensions.Keys.Union(accounts.Keys).Order(StringComparer.Ordinal)
            .Select(e => accounts.TryGetValue(e, out var a)
                ? new SipAccountDto(e, a.DisplayName, "database", a.IsActive)
                : new SipAccountDto(e, sip.Value.Extensions[e].DisplayName, "sip.json", true))
            .ToList();
        return TypedResults.Ok(list);
    }

    private static async Task<Results<Created<SipPasswordDto>, ValidationProblem, ProblemHttpResult>> CreateAsync(CreateSipAccountRequest request,
        CrmDbContext db, SipAccountCredentialStore store, IOptions<RegistrarOptions> registrar, IOptions<SipSettings> sip, Audit audit,
        TimeProvider time, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var extension = request?.Extension;
        if (extension is not { Length: >= 2 and <= 16 } || !extension.All(char.IsAsciiDigit) || request!.DisplayName is { Length: > 100 })
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]>
            {
                ["extension"] = ["An extension is 2 to 16 digits; a display name at most 100 characters."],
            });
        }

        if (sip.Value.Extensions.ContainsKey(extension) || await db.SipAccounts.AnyAsync(a => a.Extension == extension, cancellationToken))
        {
            return TypedResults.Problem($"Extension {extension} exists already: reset its password instead.", statusCode: StatusCodes.Status409Conflict);
        }

        var password = SecretsCommand.NewPassword();
        var realm = registrar.Value.Realm;
        db.SipAccounts.Add(new SipAccount
        {
            Extension = extension, DisplayName = request.DisplayName, Realm = realm, UpdatedAt = time.GetUtcNow(),
            Ha1Md5 = DigestCalculator.ComputeHa1(DigestAlgorithm.Md5, extension, realm, password),
            Ha1Sha256 = DigestCalculator.ComputeHa1(DigestAlgorithm.Sha256, extension, realm, password),
        });
        audit.Record(user.Identity?.Name ?? "?", "create", "sip-account", extension);
        await db.SaveChangesAsync(cancellationToken);
        await store.ReloadAsync(cancellationToken);
        return TypedResults.Created($"/api/sip/accounts/{extension}", new SipPasswordDto(extension, password));
    }

    private static async Task<Results<Ok<SipPasswordDto>, NotFound>> ResetPasswordAsync(string extension, CrmDbContext db, SipAccountCredentialStore store,
        IOptions<RegistrarOptions> registrar, IOptions<SipSettings> sip, Audit audit, TimeProvider time, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var account = await AccountAsync(extension, db, store, registrar.Value.Realm, sip.Value, time, cancellationToken);
        if (account is null)
        {
            return TypedResults.NotFound();
        }

        var password = SecretsCommand.NewPassword();
        account.Realm = registrar.Value.Realm;
        account.Ha1Md5 = DigestCalculator.ComputeHa1(DigestAlgorithm.Md5, extension, account.Realm, password);
        account.Ha1Sha256 = DigestCalculator.ComputeHa1(DigestAlgorithm.Sha256, extension, account.Realm, password);
        account.UpdatedAt = time.GetUtcNow();
        audit.Record(user.Identity?.Name ?? "?", "reset-password", "sip-account", extension);
        await db.SaveChangesAsync(cancellationToken);
        await store.ReloadAsync(cancellationToken);
        return TypedResults.Ok(new SipPasswordDto(extension, password));
    }

    private static async Task<Results<Ok<SipAccountDto>, ValidationProblem, NotFound>> SetActiveAsync(string extension, SetSipActiveRequest request,
        CrmDbContext db, SipAccountCredentialStore store, IOptions<RegistrarOptions> registrar, IOptions<SipSettings> sip, Audit audit, TimeProvider time,
        ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        if (request?.Active is not { } active)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["active"] = ["Give active: true or false."] });
        }

        var account = await AccountAsync(extension, db, store, registrar.Value.Realm, sip.Value, time, cancellationToken);
        if (account is null)
        {
            return TypedResults.NotFound();
        }

        account.IsActive = active;
        account.UpdatedAt = time.GetUtcNow();
        audit.Record(user.Identity?.Name ?? "?", active ? "enable" : "disable", "sip-account", extension);
        await db.SaveChangesAsync(cancellationToken);
        await store.ReloadAsync(cancellationToken);
        return TypedResults.Ok(new SipAccountDto(extension, account.DisplayName, "database", account.IsActive));
    }

    // The database account of the extension; one made from sip.json's entry (its digests carried over) when there is none yet.
    private static async Task<SipAccount?> AccountAsync(string extension, CrmDbContext db, SipAccountCredentialStore store, string realm, SipSettings sip,
        TimeProvider time, CancellationToken cancellationToken)
    {
        var account = await db.SipAccounts.SingleOrDefaultAsync(a => a.Extension == extension, cancellationToken);
        if (account is not null || !sip.Extensions.TryGetValue(extension, out var seeded))
        {
            return account;
        }

        var (md5, sha256) = await store.SeedDigestsAsync(extension, realm, cancellationToken);
        account = new SipAccount
        {
            Extension = extension, DisplayName = seeded.DisplayName, Realm = realm, UpdatedAt = time.GetUtcNow(),
            Ha1Md5 = md5 ?? "", Ha1Sha256 = sha256 ?? "",
        };
        db.SipAccounts.Add(account);
        return account;
    }
}

/// <summary>An extension's SIP account: where its credentials come from and whether it may authenticate.</summary>
public sealed record SipAccountDto(string Extension, string? DisplayName, string Source, bool IsActive);

/// <summary>A new SIP password, shown once.</summary>
public sealed record SipPasswordDto(string Extension, string Password);

/// <summary>A new extension.</summary>
public sealed record CreateSipAccountRequest(string? Extension, string? DisplayName);

/// <summary>Disable (false) or enable (true) an extension.</summary>
public sealed record SetSipActiveRequest(bool? Active);
