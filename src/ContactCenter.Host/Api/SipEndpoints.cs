using ContactCenter.Crm.Api;
using ContactCenter.Host.Configuration;
using ContactCenter.Sip.UserAgents.Outbound;
using ContactCenter.Sip.UserAgents.Registration;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace ContactCenter.Host.Api;

/// <summary>What the SIP side looks like right now: which phones are registered where.</summary>
public static class SipEndpoints
{
    /// <summary>Maps <c>/api/sip</c> (admins: it shows the phones' network addresses).</summary>
    public static IEndpointRouteBuilder MapSipEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/sip").RequireAuthorization(CrmPolicies.Admin).WithTags("SIP");
        group.MapGet("/registrations", Registrations);
        group.MapGet("/carrier-registrations", (OutboundRegistrations carriers) => TypedResults.Ok(carriers.Statuses
            .Select(s => new CarrierRegistrationDto(s.Name, s.Registrar, s.AddressOfRecord, s.State.ToString().ToLowerInvariant(), s.ExpiresAt,
                s.LastError, s.NextAttemptAt)).ToList()));
        return app;
    }

    private static Ok<List<ExtensionRegistrationDto>> Registrations(
        LocationService locations, IOptions<SipSettings> sip, TimeProvider time, bool? registeredOnly)
    {
        var now = time.GetUtcNow();
        var list = sip.Value.Extensions
            .OrderBy(e => e.Key, StringComparer.Ordinal)
            .Select(e => new ExtensionRegistrationDto(
                e.Key,
                e.Value.DisplayName,
                locations.Lookup(e.Key).Select(b => new ContactDto(
                    b.Uri.ToString(), b.Source.Transport, b.Source.EndPoint.ToString(), b.GetRemainingSeconds(now), b.InstanceId)).ToList()))
            .Where(e => registeredOnly != true || e.Contacts.Count > 0)
            .ToList();
        return TypedResults.Ok(list);
    }
}

/// <summary>An extension and its current contacts.</summary>
public sealed record ExtensionRegistrationDto(string Extension, string? DisplayName, IReadOnlyList<ContactDto> Contacts);

/// <summary>One registered contact.</summary>
public sealed record ContactDto(string Uri, string Transport, string Source, int ExpiresInSeconds, string? InstanceId);

/// <summary>One of our registrations at a carrier: <c>state</c> is unregistered, registering, registered or failed.</summary>
public sealed record CarrierRegistrationDto(string Name, string Registrar, string AddressOfRecord, string State, DateTimeOffset? ExpiresAt,
    string? LastError, DateTimeOffset? NextAttemptAt);
