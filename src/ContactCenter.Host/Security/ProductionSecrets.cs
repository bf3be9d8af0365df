using ContactCenter.Crm.Demo;
using ContactCenter.Crm.Model;
using ContactCenter.Crm.Persistence;
using ContactCenter.Host.Configuration;
using ContactCenter.Sip.UserAgents.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace ContactCenter.Host.Security;

/// <summary>
/// Finds demo and default secrets that production mode refuses: demo SIP passwords (plain or as HA1) and short plain
/// ones, the demo admin and staff web passwords still in the database, the demo database password, RabbitMQ's
/// guest account, and demo seeding itself. Each finding names the setting or user, never the secret's value.
/// </summary>
public static class ProductionSecrets
{
    /// <summary>The database password <c>deploy/demo.sh</c> and appsettings.json use.</summary>
    public const string DemoDatabasePassword = "contactcenter-demo";

    /// <summary>Plain SIP passwords shorter than this are refused in production (digest is guessable offline from one capture).</summary>
    public const int MinSipPasswordLength = 12;

    /// <summary>What is wrong with the configuration for production (empty: nothing).</summary>
    public static IReadOnlyList<string> InConfiguration(IConfiguration configuration, SipSettings sip, string realm)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(sip);
        var problems = new List<string>();
        if (configuration.GetValue("Demo:Seed", false))
        {
            problems.Add("Demo:Seed is true (it creates users with the demo passwords)");
        }

        if (configuration.GetConnectionString("Crm") is { } connection
            && new Npgsql.NpgsqlConnectionStringBuilder(connection).Password == DemoDatabasePassword)
        {
            problems.Add("ConnectionStrings:Crm uses the demo database password");
        }

        if (configuration["Bus:RabbitMq"] is { Length: > 0 } rabbit && Uri.TryCreate(rabbit, UriKind.Absolute, out var uri)
            && (uri.UserInfo is "" or "guest" or "guest:guest"))
        {
            problems.Add("Bus:RabbitMq uses RabbitMQ's default guest account");
        }

        foreach (var (extension, settings) in sip.Extensions.OrderBy(e => e.Key, StringComparer.Ordinal))
        {
            if (ExtensionProblem(extension, settings, realm) is { } problem)
            {
                problems.Add($"Sip:Extensions:{extension} {problem}");
            }
        }

        return problems;
    }

    /// <summary>Users whose web password is still a demo one (<c>admin-demo</c>, <c>pw</c> + extension).</summary>
    public static async Task<IReadOnlyList<string>> InDatabaseAsync(CrmDbContext db, IPasswordHasher<User> hasher, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(hasher);
        var users = await DemoPasswordUsersAsync(db, hasher, cancellationToken);
        return [.. users.Select(u => $"user '{u.UserName}' still has its demo password")];
    }

    /// <summary>
    /// Active users the demo seeder makes (<c>admin</c> and the demo extensions) whose password is still the demo one,
    /// loaded for update. Bounded to those eleven names: each check is a deliberately slow PBKDF2 verification.
    /// </summary>
    public static async Task<List<User>> DemoPasswordUsersAsync(CrmDbContext db, IPasswordHasher<User> hasher, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(hasher);
        var demo = DemoData.Staff.ToDictionary(s => s.Extension, s => DemoData.PasswordOf(s.Extension), StringComparer.Ordinal);
        demo[DemoData.AdminUserName] = DemoData.AdminPassword;
        var names = demo.Keys.ToList();
        var users = await db.Users.Where(u => u.IsActive && names.Contains(u.UserName)).ToListAsync(cancellationToken);
        return [.. users.Where(u => hasher.VerifyHashedPassword(u, u.PasswordHash, demo[u.UserName]) != PasswordVerificationResult.Failed)
            .OrderBy(u => u.UserName, StringComparer.Ordinal)];
    }

    private static string? ExtensionProblem(string extension, SipExtensionSettings settings, string realm)
    {
        var demo = DemoData.PasswordOf(extension);
        if (!string.IsNullOrEmpty(settings.Password))
        {
            return settings.Password == demo ? "has the demo SIP password"
                : settings.Password.Length < MinSipPasswordLength ? $"has a SIP password shorter than {MinSipPasswordLength} characters"
                : null;
        }

        var demoMd5 = DigestCalculator.ComputeHa1(DigestAlgorithm.Md5, extension, realm, demo);
        var demoSha256 = DigestCalculator.ComputeHa1(DigestAlgorithm.Sha256, extension, realm, demo);
        return string.Equals(settings.Ha1Md5, demoMd5, StringComparison.OrdinalIgnoreCase)
               || string.Equals(settings.Ha1Sha256, demoSha256, StringComparison.OrdinalIgnoreCase)
            ? "has the HA1 of the demo SIP password"
            : null;
    }
}
