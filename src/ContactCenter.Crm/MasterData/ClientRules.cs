using System.Net.Mail;
using ContactCenter.Crm.Model;
using ContactCenter.PhoneNumbers;

namespace ContactCenter.Crm.MasterData;

/// <summary>
/// The rules of a client's master data, field by field, shared by the admin console's API and the imports: each broken
/// rule is reported under the field's name with a reason a person can act on.
/// </summary>
internal static class ClientRules
{
    public const int MaxName = 200;
    public const int MaxPhones = 10;
    public const int MaxReceivers = 10;
    public const int MaxExternalId = 64;

    /// <summary>
    /// Checks <paramref name="request"/> for <paramref name="client"/> (null: a new client) and, when it is sound, applies
    /// it. <paramref name="phoneOwners"/> maps numbers already stored to the client that owns them.
    /// </summary>
    public static Dictionary<string, string[]> CheckAndApply(ClientRecordRequest request, Client client, bool isNew, MasterDataLookups lookups,
        PhoneNumberNormalizer numbers, IReadOnlyDictionary<string, Guid> phoneOwners)
    {
        var errors = new Dictionary<string, string[]>();
        var name = request.Name?.Trim();
        if ((isNew || request.Name is not null) && (string.IsNullOrEmpty(name) || name.Length > MaxName))
        {
            errors["name"] = [$"Give the client's name (1 to {MaxName} characters)."];
        }

        Guid? typeId = null;
        if (isNew || request.Type is not null)
        {
            if (request.Type is null || !lookups.Types.TryGetValue(request.Type.Trim(), out var id))
            {
                errors["type"] = [$"Give one of the client types: {string.Join(", ", lookups.Types.Keys.Order(StringComparer.Ordinal))}."];
            }
            else
            {
                typeId = id;
            }
        }

        var phones = Phones(request.Phones, isNew, client.Id, numbers, phoneOwners, errors);
        var manager = Manager(request.Manager, lookups, errors);
        if (request.PriceColumn is { } column && !lookups.Columns.Contains(column))
        {
            errors["priceColumn"] = [lookups.Columns.Count == 0
                ? "No price list is in force: load one first."
                : $"The price list in force has columns {string.Join(", ", lookups.Columns.Order())}."];
        }

        if (request.CreditLimit is < 0 or > 1_000_000_000_000m)
        {
            errors["creditLimit"] = ["Give a credit limit of 0 or more."];
        }

        ClientStatus? status = request.Status?.Trim().ToLowerInvariant() switch
        {
            null => null,
            "active" => ClientStatus.Active,
            "sleeping" => ClientStatus.Sleeping,
            _ => Error(errors, "status", "Give active or sleeping."),
        };
        var receivers = request.Receivers?.Select(r => r?.Trim() ?? "").ToList();
        if (receivers is not null && (receivers.Count > MaxReceivers || receivers.Any(r => r.Length is 0 or > MaxName)))
        {
            errors["receivers"] = [$"Give up to {MaxReceivers} names of people who receive goods (1 to {MaxName} characters each)."];
        }

        var email = request.Email?.Trim();
        if (!string.IsNullOrEmpty(email) && (email.Length > 254 || !MailAddress.TryCreate(email, out _)))
        {
            errors["email"] = [$"'{email}' is not an e-mail address."];
        }

        if (request.Notes is { Length: > 4000 })
        {
            errors["notes"] = ["Notes are at most 4000 characters."];
        }

        var externalId = request.ExternalId?.Trim();
        if (externalId is { Length: 0 or > MaxExternalId })
        {
            errors["externalId"] = [$"An external id is 1 to {MaxExternalId} characters."];
        }

        if (errors.Count > 0)
        {
            return errors;
        }

        client.Name = name ?? client.Name;
        client.ClientTypeId = typeId ?? client.ClientTypeId;
        if (request.Manager is not null)
        {
            client.AssignedManagerId = manager?.Id;
        }

        client.PriceColumn = request.PriceColumn ?? client.PriceColumn;
        client.CreditLimit = request.CreditLimit ?? client.CreditLimit;
        client.Status = status ?? client.Status;
        client.DoNotCall = request.DoNotCall ?? client.DoNotCall;
        client.Receivers = receivers ?? client.Receivers;
        client.Email = request.Email is null ? client.Email : NullIfEmpty(email);
        client.Notes = request.Notes is null ? client.Notes : NullIfEmpty(request.Notes.Trim());
        client.ExternalId = externalId ?? client.ExternalId;
        if (phones is not null)
        {
            client.Phones.RemoveAll(p => !phones.Contains(p.E164));
            foreach (var e164 in phones.Where(e => client.Phones.TrueForAll(p => p.E164 != e)))
            {
                client.Phones.Add(new ClientPhone { ClientId = client.Id, E164 = e164 }); // the key is made by EF on add: a new row
            }
        }

        return errors;
    }

    private static List<string>? Phones(List<string>? given, bool isNew, Guid clientId, PhoneNumberNormalizer numbers,
        IReadOnlyDictionary<string, Guid> owners, Dictionary<string, string[]> errors)
    {
        if (given is null && !isNew)
        {
            return null;
        }

        if (given is not { Count: > 0 and <= MaxPhones })
        {
            errors["phones"] = [$"Give 1 to {MaxPhones} phone numbers."];
            return null;
        }

        var phones = new List<string>();
        for (var i = 0; i < given.Count; i++)
        {
            if (!numbers.TryNormalize(given[i], out var e164))
            {
                errors[$"phones[{i}]"] = [$"'{given[i]}' is not a phone number (expected e.g. +7 495 100-00-01 or 84951000001)."];
            }
            else if (owners.TryGetValue(e164, out var owner) && owner != clientId)
            {
                errors[$"phones[{i}]"] = [$"{e164} belongs to another client: one number identifies one client."];
            }
            else if (!phones.Contains(e164))
            {
                phones.Add(e164);
            }
        }

        return phones;
    }

    private static Staff? Manager(string? extension, MasterDataLookups lookups, Dictionary<string, string[]> errors)
    {
        if (string.IsNullOrWhiteSpace(extension))
        {
            return null;
        }

        var error = lookups.Staff.GetValueOrDefault(extension.Trim()) switch
        {
            null => $"No member of staff has extension {extension.Trim()}.",
            { Role: not StaffRole.Manager } staff => $"{staff.Extension} ({staff.FullName}) is not a manager.",
            { IsActive: false } staff => $"{staff.Extension} ({staff.FullName}) no longer works here.",
            _ => null,
        };
        if (error is not null)
        {
            errors["manager"] = [error];
            return null;
        }

        return lookups.Staff[extension.Trim()];
    }

    private static ClientStatus? Error(Dictionary<string, string[]> errors, string field, string reason)
    {
        errors[field] = [reason];
        return null;
    }

    private static string? NullIfEmpty(string? text) => string.IsNullOrEmpty(text) ? null : text;
}
