using ContactCenter.Crm.Model;
using ContactCenter.Crm.Persistence;
using Microsoft.EntityFrameworkCore;

namespace ContactCenter.Crm.MasterData;

/// <summary>
/// The small reference tables a client row is checked against, read once per request or per import file: client
/// types by code, active managers by extension, the columns of the price list in force.
/// </summary>
internal sealed class MasterDataLookups
{
    private MasterDataLookups(Dictionary<string, Guid> types, Dictionary<string, Staff> staff, HashSet<int> columns) =>
        (Types, Staff, Columns) = (types, staff, columns);

    /// <summary>Client type id by code (case-insensitive).</summary>
    public Dictionary<string, Guid> Types { get; }

    /// <summary>Members of staff by extension.</summary>
    public Dictionary<string, Staff> Staff { get; }

    /// <summary>Column numbers of the price list in force (empty when none is).</summary>
    public HashSet<int> Columns { get; }

    /// <summary>Reads the tables.</summary>
    public static async Task<MasterDataLookups> LoadAsync(CrmDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        var today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        var types = await db.ClientTypes.AsNoTracking().ToDictionaryAsync(t => t.Code, t => t.Id, StringComparer.OrdinalIgnoreCase, cancellationToken);
        var staff = await db.Staff.AsNoTracking().ToDictionaryAsync(s => s.Extension, StringComparer.Ordinal, cancellationToken);
        var columns = await db.PriceLists.AsNoTracking().Where(l => l.IsActive && l.ValidFrom <= today)
            .OrderByDescending(l => l.ValidFrom).ThenBy(l => l.Name).Take(1)
            .SelectMany(l => l.Columns).Select(c => c.Index).ToListAsync(cancellationToken);
        return new MasterDataLookups(types, staff, [.. columns]);
    }
}
