using ContactCenter.Crm.Model;

namespace ContactCenter.Crm.Demo;

/// <summary>
/// The demo data set: a public contract that the README, the tests and a newcomer's first call rely on.
/// Extend it; never renumber it.
/// </summary>
public static class DemoData
{
    /// <summary>The demo admin's sign-in (demo only: change it on any real installation).</summary>
    public const string AdminUserName = "admin";

    /// <summary>The demo admin's password (demo only).</summary>
    public const string AdminPassword = "admin-demo";

    /// <summary>Demo SIP and web password of an extension: <c>pw</c> + extension, e.g. <c>pw1001</c>.</summary>
    public static string PasswordOf(string extension) => "pw" + extension;

    /// <summary>Departments: code, name, head extension.</summary>
    public static readonly IReadOnlyList<(string Code, string Name, string? Head)> Departments =
    [
        ("call-center", "Call center (operators)", null),
        ("wholesale", "Wholesale sales", "3001"),
        ("sales-support", "Sales support (retail and regional)", "3002"),
        ("finance", "Finance", "4001"),
        ("dispatch", "Dispatch", "5001"),
        ("quality", "Quality and complaints", "3002"),
    ];

    /// <summary>Staff: extension, name, role, department code, key-account manager.</summary>
    public static readonly IReadOnlyList<(string Extension, string Name, StaffRole Role, string Department, bool KeyAccount)> Staff =
    [
        ("1001", "Anna Petrova", StaffRole.Operator, "call-center", false),
        ("1002", "Boris Ivanov", StaffRole.Operator, "call-center", false),
        ("1003", "Vera Smirnova", StaffRole.Operator, "call-center", false),
        ("2001", "Dmitry Orlov", StaffRole.Manager, "wholesale", true),
        ("2002", "Elena Volkova", StaffRole.Manager, "wholesale", true),
        ("2101", "Fyodor Kuznetsov", StaffRole.Manager, "sales-support", false),
        ("3001", "Galina Sokolova", StaffRole.DepartmentHead, "wholesale", false),
        ("3002", "Igor Popov", StaffRole.DepartmentHead, "sales-support", false),
        ("4001", "Kira Lebedeva", StaffRole.Finance, "finance", false),
        ("5001", "Leonid Morozov", StaffRole.Dispatcher, "dispatch", false),
    ];

    /// <summary>Client types: code, name.</summary>
    public static readonly IReadOnlyList<(string Code, string Name)> ClientTypes =
    [
        ("key", "Key client"),
        ("retail", "Retail"),
        ("own-outlet", "Own outlet"),
        ("regional", "Regional"),
        ("indicator", "Indicator"),
        ("new", "New (no manager yet)"),
    ];

    /// <summary>Clients: name, type, phone as callers dial it, manager extension, price column, credit limit.</summary>
    public static readonly IReadOnlyList<DemoClient> Clients =
    [
        new("Arbat Foods", "key", "+7 495 100-00-01", "2001", 3, 500_000m),
        new("Volga Trade", "key", "+7 495 100-00-02", "2002", 3, 500_000m),
        new("Corner Shop", "retail", "+7 495 100-00-03", "2101", 1, 50_000m),
        new("Tver Market", "regional", "+7 482 200-00-04", "2101", 2, 150_000m),
        new("Outlet No. 5", "own-outlet", "+7 495 100-00-05", null, 2, 100_000m),
        new("Gastronom-1", "indicator", "+7 495 100-00-06", null, 1, 80_000m),
        new("Late Payer", "retail", "+7 495 100-00-07", "2101", 1, 50_000m),
        new("Over Limit", "key", "+7 495 100-00-08", "2002", 3, 100_000m),
    ];

    /// <summary>Catalog: sku, name, unit, new, client types it is traditional for, base price.</summary>
    public static readonly IReadOnlyList<(string Sku, string Name, string Unit, bool IsNew, string[] TraditionalFor, decimal BasePrice)> Products =
    [
        ("MLK-32", "Milk 3.2%, 1 l", "pcs", false, ["retail", "own-outlet", "indicator"], 89m),
        ("KEF-25", "Kefir 2.5%, 1 l", "pcs", false, ["retail", "own-outlet"], 95m),
        ("BTR-82", "Butter 82%, 180 g", "pcs", false, ["key", "regional"], 210m),
        ("CHS-RUS", "Cheese 'Rossiysky', kg", "kg", false, ["key", "regional", "indicator"], 780m),
        ("SGR-1", "Sugar, 1 kg", "pcs", false, ["regional", "retail"], 75m),
        ("FLR-2", "Wheat flour, 2 kg", "pcs", false, ["regional"], 120m),
        ("BCK-9", "Buckwheat, 900 g", "pcs", false, ["key", "retail"], 110m),
        ("OIL-SUN", "Sunflower oil, 1 l", "pcs", false, ["key", "regional", "own-outlet"], 145m),
        ("TEA-100", "Black tea, 100 bags", "pcs", false, ["key"], 260m),
        ("YGT-MNG", "Mango yogurt, 270 g", "pcs", true, [], 65m),
        ("CRD-OAT", "Oat curd dessert, 150 g", "pcs", true, [], 79m),
        ("CFE-DRP", "Drip coffee, 10 sachets", "pcs", true, [], 390m),
    ];

    /// <summary>Price-list columns: index, name, discount off the base price.</summary>
    public static readonly IReadOnlyList<(int Index, string Name, decimal Discount)> PriceColumns =
    [
        (1, "Base", 0m),
        (2, "Wholesale (-5%)", 0.05m),
        (3, "Key account (-10%)", 0.10m),
    ];

    /// <summary>Complaints and wishes: client, kind, category, department code, text (recorded by operator 1001).</summary>
    public static readonly IReadOnlyList<(string Client, FeedbackKind Kind, string Category, string Department, string Text)> Feedback =
    [
        ("Corner Shop", FeedbackKind.Complaint, "quality", "quality", "Two boxes of kefir KEF-25 in the last delivery were past their use-by date."),
    ];

    /// <summary>The demo price list's name.</summary>
    public const string PriceListName = "Main price list";

    /// <summary>The demo call list: a survey handed out by the head of wholesale (3001) to operators 1001 and 1002.</summary>
    public const string CallListName = "Survey: new products and deliveries";

    /// <summary>The demo call list's head, operators, and clients called, in order.</summary>
    public static readonly (string Head, string[] Operators, string[] Clients) CallList =
        ("3001", ["1001", "1002"], ["Corner Shop", "Outlet No. 5", "Gastronom-1"]);

    /// <summary>The demo survey's questions: text, kind, choices.</summary>
    public static readonly IReadOnlyList<(string Text, SurveyQuestionKind Kind, string[] Choices)> SurveyQuestions =
    [
        ("Have you tried our new mango yogurt?", SurveyQuestionKind.YesNo, []),
        ("How satisfied are you with our deliveries, 1 to 5?", SurveyQuestionKind.Scale, []),
        ("Which day suits deliveries best?", SurveyQuestionKind.Choice, ["Monday", "Wednesday", "Friday"]),
        ("Anything we should do better?", SurveyQuestionKind.Text, []),
    ];

    /// <summary>Demo deliveries: consignee, phone, days after the seeding day, arrival window.</summary>
    public static readonly IReadOnlyList<(string Consignee, string Phone, int InDays, string Window)> Deliveries =
    [
        ("Arbat Foods, goods-in (Ivan Receiver)", "+7 495 100-00-01", 0, "09:00-12:00"),
        ("Tver Market, warehouse (Petr Receiver)", "+7 482 200-00-04", 0, "14:00-18:00"),
    ];
}

/// <summary>A demo client.</summary>
public sealed record DemoClient(string Name, string Type, string Phone, string? ManagerExtension, int PriceColumn, decimal CreditLimit);
