using System.Security.Claims;

namespace ContactCenter.Crm.Tests;

/// <summary>Signed-in users as the API sees them: the demo extensions with their roles.</summary>
internal static class SignedIn
{
    public static ClaimsPrincipal Head { get; } = User("3001", "DepartmentHead");

    public static ClaimsPrincipal OtherHead { get; } = User("3002", "DepartmentHead");

    public static ClaimsPrincipal Anna { get; } = User("1001", "Operator");

    public static ClaimsPrincipal Boris { get; } = User("1002", "Operator");

    public static ClaimsPrincipal Vera { get; } = User("1003", "Operator");

    public static ClaimsPrincipal Dispatcher { get; } = User("5001", "Dispatcher");

    public static ClaimsPrincipal Admin { get; } = User("admin", "Admin");

    private static ClaimsPrincipal User(string name, string role) => DemoScenario.User(name, role);
}
