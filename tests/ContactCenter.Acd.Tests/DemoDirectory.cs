using ContactCenter.Acd.Directory;

namespace ContactCenter.Acd.Tests;

/// <summary>The CRM's demo data (src/ContactCenter.Crm/Demo/DemoData.cs) as the router sees it.</summary>
internal static class DemoDirectory
{
    public const string ArbatFoods = "+74951000001";
    public const string VolgaTrade = "+74951000002";
    public const string CornerShop = "+74951000003";
    public const string TverMarket = "+74822000004";
    public const string OutletNo5 = "+74951000005";
    public const string Gastronom1 = "+74951000006";
    public const string LatePayer = "+74951000007";
    public const string OverLimit = "+74951000008";
    public const string Unknown = "+74959999999";

    /// <summary>Every demo extension.</summary>
    public static readonly IReadOnlyList<string> Extensions = ["1001", "1002", "1003", "2001", "2002", "2101", "3001", "3002", "4001", "5001"];

    /// <summary>The demo department codes.</summary>
    public static readonly IReadOnlySet<string> DepartmentCodes =
        new HashSet<string>(["call-center", "wholesale", "sales-support", "finance", "dispatch"], StringComparer.OrdinalIgnoreCase);

    public static readonly DirectoryStaff[] Staff =
    [
        new("1001", "Anna Petrova", "Operator", "call-center", false, null),
        new("1002", "Boris Ivanov", "Operator", "call-center", false, null),
        new("1003", "Vera Smirnova", "Operator", "call-center", false, null),
        new("2001", "Dmitry Orlov", "Manager", "wholesale", true, null),
        // The CRM records who takes Elena's duties while she is away.
        new("2002", "Elena Volkova", "Manager", "wholesale", true, "2001"),
        new("2101", "Fyodor Kuznetsov", "Manager", "sales-support", false, null),
        new("3001", "Galina Sokolova", "DepartmentHead", "wholesale", false, null),
        new("3002", "Igor Popov", "DepartmentHead", "sales-support", false, null),
        new("4001", "Kira Lebedeva", "Finance", "finance", false, null),
        new("5001", "Leonid Morozov", "Dispatcher", "dispatch", false, null),
    ];

    public static readonly DirectoryDepartment[] Departments =
    [
        new("call-center", "Call center (operators)", null),
        new("wholesale", "Wholesale sales", "3001"),
        new("sales-support", "Sales support (retail and regional)", "3002"),
        new("finance", "Finance", "4001"),
        new("dispatch", "Dispatch", "5001"),
    ];

    /// <summary>The demo clients on <paramref name="today"/>: Late Payer owes since a month, Over Limit owes more than its limit (not yet due).</summary>
    public static IReadOnlyList<(string E164, DirectoryClient Client)> Clients(DateOnly today) =>
    [
        (ArbatFoods, Client(1, "Arbat Foods", "key", "2001", 500_000m, 0m, null)),
        (VolgaTrade, Client(2, "Volga Trade", "key", "2002", 500_000m, 120_000m, today.AddDays(10))),
        (CornerShop, Client(3, "Corner Shop", "retail", "2101", 50_000m, 10_000m, today)),
        (TverMarket, Client(4, "Tver Market", "regional", "2101", 150_000m, 0m, null)),
        (OutletNo5, Client(5, "Outlet No. 5", "own-outlet", null, 100_000m, 0m, null)),
        (Gastronom1, Client(6, "Gastronom-1", "indicator", null, 80_000m, 0m, null)),
        (LatePayer, Client(7, "Late Payer", "retail", "2101", 50_000m, 20_000m, today.AddDays(-30))),
        (OverLimit, Client(8, "Over Limit", "key", "2002", 100_000m, 150_000m, today.AddDays(20))),
    ];

    public static RoutingDirectory Create(DateTimeOffset now, IEnumerable<DirectoryStaff>? staff = null) =>
        new(Clients(DateOnly.FromDateTime(now.UtcDateTime)), staff ?? Staff, Departments, now);

    public static Guid ClientId(int n) => new($"00000000-0000-0000-0000-{n:D12}");

    private static DirectoryClient Client(int n, string name, string type, string? manager, decimal limit, decimal outstanding, DateOnly? due) =>
        new(ClientId(n), name, type, manager, limit, outstanding, due);
}
