using ContactCenter.Sip.UserAgents;
using System.Security.Cryptography;
using System.Text;
using ContactCenter.Crm;
using ContactCenter.Crm.Demo;
using ContactCenter.Crm.Model;
using ContactCenter.Crm.Persistence;
using ContactCenter.Crm.Users;
using ContactCenter.Host.Configuration;
using ContactCenter.Sip.UserAgents.Authentication;
using ContactCenter.Sip.UserAgents.Registration;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace ContactCenter.Host.Security;

/// <summary>
/// <c>ContactCenter.Host secrets generate [--force] [settings...]</c>: new strong SIP passwords for every extension of
/// sip.json (stored as HA1 digests in the database's SIP accounts, which override sip.json) and new web passwords for
/// the admin (created when missing) and for every demo user still on its demo password; prints the new passwords once.
/// </summary>
public static class SecretsCommand
{
    private const string Alphabet = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    private const int PasswordLength = 20;

    /// <summary>True when <paramref name="args"/> asks for this command.</summary>
    public static bool IsRequested(string[] args) => args is ["secrets", ..];

    /// <summary>Runs the command; the exit code (0 done, 2 refused).</summary>
    public static async Task<int> RunAsync(string[] args, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(args);
        if (args is not ["secrets", "generate", ..])
        {
            await Console.Error.WriteLineAsync("Usage: ContactCenter.Host secrets generate [--force] [--Setting=value ...]");
            return 2;
        }

        var force = args.Contains("--force", StringComparer.Ordinal);
        var builder = WebApplication.CreateBuilder([.. args.Skip(2).Where(a => a != "--force")]);
        builder.Configuration.AddSipConfig(builder.Environment);
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddCrm(builder.Configuration);
        await using var app = builder.Build();
        var configuration = app.Configuration;
        var realm = configuration["Sip:Registrar:Realm"] ?? new RegistrarOptions().Realm;
        var extensions = configuration.GetSection("Sip:Extensions").GetChildren().Select(c => c.Key).Order(StringComparer.Ordinal).ToList();
        var sipPasswords = extensions.ToDictionary(e => e, _ => NewPassword(), StringComparer.Ordinal);

        // One transaction: if the database cannot be reached or refuses, nothing has changed anywhere.
        List<(string UserName, string Password)> webPasswords;
        try
        {
            await using var scope = app.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<CrmDbContext>();
            if (configuration.GetValue("Database:Migrate", true))
            {
                await db.Database.MigrateAsync(cancellationToken);
            }

            if (!force && await db.SipAccounts.AnyAsync(cancellationToken))
            {
                await Console.Error.WriteLineAsync("The database holds SIP accounts already: every phone has its password. Give --force to replace them all.");
                return 2;
            }

            await SetSipAccountsAsync(db, realm, sipPasswords, app.Services.GetRequiredService<TimeProvider>().GetUtcNow(), cancellationToken);
            webPasswords = await ResetWebPasswordsAsync(scope.ServiceProvider, cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is Npgsql.NpgsqlException or System.Net.Sockets.SocketException or TimeoutException
                                   || ex.InnerException is Npgsql.NpgsqlException or System.Net.Sockets.SocketException)
        {
            await Console.Error.WriteLineAsync($"ConnectionStrings:Crm: cannot use the database ({(ex.InnerException ?? ex).Message}); nothing was changed.");
            return 2;
        }

        var output = new StringBuilder();
        output.AppendLine($"SIP passwords (realm '{realm}'; HA1 digests stored in the database's SIP accounts, in force at the next start):");
        foreach (var (extension, password) in sipPasswords)
        {
            output.AppendLine($"  extension {extension,-8} {password}");
        }

        output.AppendLine("Web sign-in passwords (hashed in the database):");
        foreach (var (userName, password) in webPasswords)
        {
            output.AppendLine($"  user {userName,-12} {password}");
        }

        if (configuration.GetConnectionString("Crm") is { } connection
            && new Npgsql.NpgsqlConnectionStringBuilder(connection).Password == ProductionSecrets.DemoDatabasePassword)
        {
            output.AppendLine("The database password is still the demo one: change it in PostgreSQL (ALTER ROLE ... PASSWORD) and in ConnectionStrings__Crm.");
        }

        output.AppendLine("These passwords are shown only now; hand them out and keep no copy.");
        await Console.Out.WriteAsync(output.ToString());
        return 0;
    }

    /// <summary>A random password of 20 characters from 56 unambiguous letters and digits (about 116 bits).</summary>
    public static string NewPassword() => RandomNumberGenerator.GetString(Alphabet, PasswordLength);

    private static async Task<List<(string UserName, string Password)>> ResetWebPasswordsAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        var db = services.GetRequiredService<CrmDbContext>();
        var hasher = services.GetRequiredService<IPasswordHasher<User>>();
        var directory = services.GetRequiredService<UserDirectory>();

        var reset = new List<(string, string)>();
        var admin = await db.Users.SingleOrDefaultAsync(u => u.UserName == DemoData.AdminUserName, cancellationToken);
        var adminPassword = NewPassword();
        if (admin is null)
        {
            await directory.UpsertAsync(DemoData.AdminUserName, adminPassword, [nameof(StaffRole.Admin)], null, cancellationToken);
        }
        else
        {
            admin.PasswordHash = hasher.HashPassword(admin, adminPassword);
        }

        reset.Add((DemoData.AdminUserName, adminPassword));
        foreach (var user in await ProductionSecrets.DemoPasswordUsersAsync(db, hasher, cancellationToken))
        {
            if (user.UserName != DemoData.AdminUserName)
            {
                var password = NewPassword();
                user.PasswordHash = hasher.HashPassword(user, password);
                reset.Add((user.UserName, password));
            }
        }

        return reset;
    }

    private static async Task SetSipAccountsAsync(CrmDbContext db, string realm, Dictionary<string, string> passwords, DateTimeOffset now,
        CancellationToken cancellationToken)
    {
        var existing = await db.SipAccounts.ToDictionaryAsync(a => a.Extension, StringComparer.Ordinal, cancellationToken);
        foreach (var (extension, password) in passwords)
        {
            if (!existing.TryGetValue(extension, out var account))
            {
                account = new SipAccount { Extension = extension, Realm = realm, Ha1Md5 = "", Ha1Sha256 = "" };
                db.SipAccounts.Add(account);
            }

            account.Realm = realm;
            account.Ha1Md5 = DigestCalculator.ComputeHa1(DigestAlgorithm.Md5, extension, realm, password);
            account.Ha1Sha256 = DigestCalculator.ComputeHa1(DigestAlgorithm.Sha256, extension, realm, password);
            account.IsActive = true;
            account.UpdatedAt = now;
        }
    }
}
