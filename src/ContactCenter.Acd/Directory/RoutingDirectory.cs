using System.Collections.Frozen;

namespace ContactCenter.Acd.Directory;

/// <summary>
/// An immutable snapshot of the CRM data the router reads (clients by phone number, staff, departments), built
/// once per refresh so that a routing decision is a few dictionary look-ups and never waits for the database.
/// </summary>
public sealed class RoutingDirectory
{
    /// <summary>A snapshot with nothing in it.</summary>
    public static readonly RoutingDirectory Empty = new([], [], [], DateTimeOffset.MinValue);

    private readonly FrozenDictionary<string, DirectoryClient> _clientsByPhone;
    private readonly FrozenDictionary<string, DirectoryStaff> _staff;
    private readonly FrozenDictionary<string, DirectoryDepartment> _departments;

    /// <summary>Builds the snapshot; <paramref name="clients"/> pairs each E.164 number with its client.</summary>
    public RoutingDirectory(IEnumerable<(string E164, DirectoryClient Client)> clients, IEnumerable<DirectoryStaff> staff,
        IEnumerable<DirectoryDepartment> departments, DateTimeOffset loadedAt)
    {
        ArgumentNullException.ThrowIfNull(clients);
        ArgumentNullException.ThrowIfNull(staff);
        ArgumentNullException.ThrowIfNull(departments);
        var byPhone = new Dictionary<string, DirectoryClient>(StringComparer.Ordinal);
        foreach (var (e164, client) in clients)
        {
            byPhone[e164] = client;
        }

        _clientsByPhone = byPhone.ToFrozenDictionary(StringComparer.Ordinal);
        _staff = staff.ToFrozenDictionary(s => s.Extension, StringComparer.Ordinal);
        _departments = departments.ToFrozenDictionary(d => d.Code, StringComparer.OrdinalIgnoreCase);
        KeyAccountManagers = [.. _staff.Values.Where(s => s.IsKeyAccountManager && s.IsActive).Select(s => s.Extension).Order(StringComparer.Ordinal)];
        ClientCount = _clientsByPhone.Values.Distinct().Count();
        LoadedAt = loadedAt;
    }

    /// <summary>When the data was read from the CRM.</summary>
    public DateTimeOffset LoadedAt { get; }

    /// <summary>How many clients have at least one phone number.</summary>
    public int ClientCount { get; }

    /// <summary>Active key-account managers' extensions, in order.</summary>
    public IReadOnlyList<string> KeyAccountManagers { get; }

    /// <summary>Staff by extension.</summary>
    public IReadOnlyDictionary<string, DirectoryStaff> Staff => _staff;

    /// <summary>Departments by code.</summary>
    public IReadOnlyDictionary<string, DirectoryDepartment> Departments => _departments;

    /// <summary>The client that has the phone number <paramref name="e164"/>.</summary>
    public bool TryFindClient(string? e164, out DirectoryClient client)
    {
        if (e164 is not null && _clientsByPhone.TryGetValue(e164, out var found))
        {
            client = found;
            return true;
        }

        client = null!;
        return false;
    }

    /// <summary>Active staff of department <paramref name="code"/>, head first.</summary>
    public IReadOnlyList<string> DepartmentMembers(string code)
    {
        var head = _departments.TryGetValue(code, out var department) ? department.HeadExtension : null;
        return [.. _staff.Values
            .Where(s => s.IsActive && string.Equals(s.DepartmentCode, code, StringComparison.OrdinalIgnoreCase))
            .OrderBy(s => s.Extension == head ? 0 : 1)
            .ThenBy(s => s.Extension, StringComparer.Ordinal)
            .Select(s => s.Extension)];
    }
}
