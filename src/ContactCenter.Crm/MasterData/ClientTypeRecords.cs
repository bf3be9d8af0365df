using System.Text.RegularExpressions;
using ContactCenter.Crm.Model;
using ContactCenter.Crm.Persistence;
using Microsoft.EntityFrameworkCore;

namespace ContactCenter.Crm.MasterData;

/// <summary>Client types are data (DOMAIN): admins add types and rename them; the code stays, routing rules refer to it.</summary>
internal sealed partial class ClientTypeRecords(CrmDbContext db, Audit audit, TimeProvider time)
{
    /// <summary>Adds a type; 400 naming the field for a bad or taken code or a bad name.</summary>
    public async Task<DeskResult<ClientTypeRecordDto>> CreateAsync(ClientTypeRequest request, string userName, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var errors = new Dictionary<string, string[]>();
        var code = request.Code?.Trim().ToLowerInvariant();
        if (code is null || !CodeFormat().IsMatch(code))
        {
            errors["code"] = ["Give a code of 1 to 64 lower-case letters, digits and dashes, e.g. horeca."];
        }
        else if (await db.ClientTypes.AnyAsync(t => t.Code == code, cancellationToken))
        {
            errors["code"] = [$"The client type '{code}' exists already."];
        }

        NameError(request.Name, errors);
        if (errors.Count > 0)
        {
            return DeskError.Invalid(errors, "The client type cannot be added");
        }

        var type = new ClientType { Id = Guid.CreateVersion7(time.GetUtcNow()), Code = code!, Name = request.Name!.Trim() };
        db.ClientTypes.Add(type);
        audit.Record(userName, "create", "client-type", type.Code, type.Name);
        await db.SaveChangesAsync(cancellationToken);
        return new ClientTypeRecordDto(type.Code, type.Name);
    }

    /// <summary>Renames a type; 404 for an unknown code.</summary>
    public async Task<DeskResult<ClientTypeRecordDto>> RenameAsync(string code, ClientTypeRequest request, string userName, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var type = await db.ClientTypes.SingleOrDefaultAsync(t => t.Code == code, cancellationToken);
        if (type is null)
        {
            return DeskError.NotFound();
        }

        var errors = new Dictionary<string, string[]>();
        NameError(request.Name, errors);
        if (errors.Count > 0)
        {
            return DeskError.Invalid(errors, "The client type cannot be renamed");
        }

        type.Name = request.Name!.Trim();
        audit.Record(userName, "update", "client-type", type.Code, type.Name);
        await db.SaveChangesAsync(cancellationToken);
        return new ClientTypeRecordDto(type.Code, type.Name);
    }

    private static void NameError(string? name, Dictionary<string, string[]> errors)
    {
        if (string.IsNullOrWhiteSpace(name) || name.Trim().Length > 100)
        {
            errors["name"] = ["Give the type's name (1 to 100 characters)."];
        }
    }

    [GeneratedRegex("^[a-z0-9][a-z0-9-]{0,63}$", RegexOptions.CultureInvariant)]
    private static partial Regex CodeFormat();
}

/// <summary>A client type to add (code and name) or rename (name).</summary>
public sealed record ClientTypeRequest(string? Code, string? Name);

/// <summary>A client type.</summary>
public sealed record ClientTypeRecordDto(string Code, string Name);
