using System.Globalization;
using ContactCenter.Acd.Directory;

namespace ContactCenter.Benchmarks.Acd;

/// <summary>
/// A large, deterministic CRM: <c>clients</c> clients with one or two E.164 numbers each, and 500 staff
/// (400 operators, 50 key-account managers, 40 sales-support managers, 2 heads, 5 finance, 3 dispatch).
/// </summary>
internal sealed class SyntheticDirectory
{
    public const int Operators = 400;

    private const int KeyAccountManagers = 50;
    private const int SalesSupportManagers = 40;

    public SyntheticDirectory(int clients, DateOnly today)
    {
        var random = new Random(20_261_130);
        var staff = new List<DirectoryStaff>();
        staff.AddRange(Range(1000, Operators).Select(e => new DirectoryStaff(e, "Operator " + e, "Operator", "call-center", false, null)));
        staff.AddRange(Range(2000, KeyAccountManagers).Select(e => new DirectoryStaff(e, "Key manager " + e, "Manager", "wholesale", true, null)));
        staff.AddRange(Range(2100, SalesSupportManagers).Select(e => new DirectoryStaff(e, "Manager " + e, "Manager", "sales-support", false, null)));
        staff.Add(new DirectoryStaff("3001", "Head of wholesale", "DepartmentHead", "wholesale", false, null));
        staff.Add(new DirectoryStaff("3002", "Head of sales support", "DepartmentHead", "sales-support", false, null));
        staff.AddRange(Range(4001, 5).Select(e => new DirectoryStaff(e, "Finance " + e, "Finance", "finance", false, null)));
        staff.AddRange(Range(5001, 3).Select(e => new DirectoryStaff(e, "Dispatcher " + e, "Dispatcher", "dispatch", false, null)));
        Staff = staff;
        Departments =
        [
            new("call-center", "Call center", null),
            new("wholesale", "Wholesale sales", "3001"),
            new("sales-support", "Sales support", "3002"),
            new("finance", "Finance", "4001"),
            new("dispatch", "Dispatch", "5001"),
        ];

        var phones = new List<(string, DirectoryClient)>(clients * 3 / 2);
        var keyCallers = new List<string>();
        var retailCallers = new List<string>();
        for (var i = 0; i < clients; i++)
        {
            // 10 % key clients, 60 % retail, 20 % regional, 5 % own outlets and 5 % indicators (no manager); 5 % owe overdue money.
            var kind = i % 20;
            var (type, manager) = kind switch
            {
                < 2 => ("key", "20" + (i % KeyAccountManagers).ToString("D2", CultureInfo.InvariantCulture)),
                < 14 => ("retail", "21" + (i % SalesSupportManagers).ToString("D2", CultureInfo.InvariantCulture)),
                < 18 => ("regional", "21" + (i % SalesSupportManagers).ToString("D2", CultureInfo.InvariantCulture)),
                18 => ("own-outlet", null),
                _ => ("indicator", (string?)null),
            };
            var overdue = i % 20 == 7;
            var client = new DirectoryClient(new Guid(i, 0, 0, new byte[8]), "Client " + i, type, manager, 100_000m, overdue ? 20_000m : 0m,
                overdue ? today.AddDays(-10) : null);
            // Numbers are unique: the client's index in the subscriber part, a second number in another area code.
            var first = "+7495" + i.ToString("D7", CultureInfo.InvariantCulture);
            phones.Add((first, client));
            if (random.Next(2) == 1)
            {
                phones.Add(("+7812" + i.ToString("D7", CultureInfo.InvariantCulture), client));
            }

            if (type == "key")
            {
                keyCallers.Add(first);
            }
            else if (type == "retail" && !overdue)
            {
                retailCallers.Add(first);
            }
        }

        Phones = phones;
        // Each measured call comes from another client, picked at random across the whole directory.
        KeyCallers = [.. Enumerable.Range(0, 4096).Select(_ => keyCallers[random.Next(keyCallers.Count)])];
        RetailCallers = [.. Enumerable.Range(0, 4096).Select(_ => retailCallers[random.Next(retailCallers.Count)])];
    }

    public IReadOnlyList<(string E164, DirectoryClient Client)> Phones { get; }

    public IReadOnlyList<DirectoryStaff> Staff { get; }

    public IReadOnlyList<DirectoryDepartment> Departments { get; }

    /// <summary>Numbers of key clients (the key-client rule: manager, other key-account managers, head).</summary>
    public string[] KeyCallers { get; }

    /// <summary>Numbers of retail clients without debt (the operator queue of 400).</summary>
    public string[] RetailCallers { get; }

    public RoutingDirectory Build(DateTimeOffset now) => new(Phones, Staff, Departments, now);

    private static IEnumerable<string> Range(int first, int count) =>
        Enumerable.Range(first, count).Select(e => e.ToString(CultureInfo.InvariantCulture));
}
