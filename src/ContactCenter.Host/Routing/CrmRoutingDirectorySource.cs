using ContactCenter.Acd.Directory;
using ContactCenter.Crm.Persistence;
using Microsoft.EntityFrameworkCore;

namespace ContactCenter.Host.Routing;

/// <summary>Reads the ACD's directory snapshot from the CRM database: four read-only queries, no tracking.</summary>
public sealed class CrmRoutingDirectorySource(IServiceScopeFactory scopes, TimeProvider time) : IRoutingDirectorySource
{
    /// <inheritdoc />
    public async Task<RoutingDirectory> LoadAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CrmDbContext>();
        var clients = await db.Clients.AsNoTracking()
            .Select(c => new
            {
                c.Id,
                c.Name,
                Type = c.ClientType!.Code,
                Manager = c.AssignedManager == null ? null : c.AssignedManager.Extension,
                c.CreditLimit,
                Outstanding = c.Receivables.Where(r => r.Outstanding > 0).Sum(r => r.Outstanding),
                EarliestDue = c.Receivables.Where(r => r.Outstanding > 0).Min(r => (DateOnly?)r.DueDate),
            })
            .ToDictionaryAsync(c => c.Id, c => new DirectoryClient(c.Id, c.Name, c.Type, c.Manager, c.CreditLimit, c.Outstanding, c.EarliestDue),
                cancellationToken).ConfigureAwait(false);
        var phones = await db.ClientPhones.AsNoTracking().Select(p => new { p.E164, p.ClientId }).ToListAsync(cancellationToken).ConfigureAwait(false);
        var staffRows = await db.Staff.AsNoTracking()
            .Select(s => new { s.Id, s.Extension, s.FullName, s.Role, Department = s.Department == null ? null : s.Department.Code, s.IsKeyAccountManager, s.SubstituteStaffId, s.IsActive })
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        var extensionsById = staffRows.ToDictionary(s => s.Id, s => s.Extension);
        var departments = await db.Departments.AsNoTracking().Select(d => new { d.Code, d.Name, d.HeadStaffId }).ToListAsync(cancellationToken).ConfigureAwait(false);

        return new RoutingDirectory(
            phones.Where(p => clients.ContainsKey(p.ClientId)).Select(p => (p.E164, clients[p.ClientId])),
            staffRows.Select(s => new DirectoryStaff(s.Extension, s.FullName, s.Role.ToString(), s.Department, s.IsKeyAccountManager,
                s.SubstituteStaffId is { } id ? extensionsById.GetValueOrDefault(id) : null, s.IsActive)),
            departments.Select(d => new DirectoryDepartment(d.Code, d.Name, d.HeadStaffId is { } head ? extensionsById.GetValueOrDefault(head) : null)),
            time.GetUtcNow());
    }
}
