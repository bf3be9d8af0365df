using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
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
/// <c>ContactCenter.Host secrets generate [--force] [settings...]</c>: new strong SIP passwords for every extension
/// (stored as HA1 hashes in <c>sip.secrets.json</c> beside sip.json, mode 0600) and new web passwords for the admin
/// (created when missing) and for every demo user still on its demo password; prints the new passwords once.
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
        var target = Path.Combine(configuration["SipConfig:Directory"]!, SipConfigExtensions.SecretsFileName);
        if (File.Exists(target) && !force)
        {
            await Console.Error.WriteLineAsync($"{target} exists: every phone has its password already. Give --force to replace them all.");
            return 2;
        }

        var realm = configuration["Sip:Registrar:Realm"] ?? new RegistrarOptions().Realm;
        var extensions = configuration.GetSection("Sip:Extensions").GetChildren().Select(c => c.Key).Order(StringComparer.Ordinal).ToList();
        var sipPasswords = extensions.ToDictionary(e => e, _ => NewPassword(), StringComparer.Ordinal);

        // The database first: if it cannot be reached, nothing has changed anywhere.
        List<(string UserName, string Password)> webPasswords;
        try
        {
            await using var scope = app.Services.CreateAsyncScope();
            webPasswords = await ResetWebPasswordsAsync(scope.ServiceProvider, cancellationToken);
        }
        catch (Exception ex) when (ex is Npgsql.NpgsqlException or System.Net.Sockets.SocketException or TimeoutException
                                   || ex.InnerException is Npgsql.NpgsqlException or System.Net.Sockets.SocketException)
        {
            await Console.Error.WriteLineAsync($"ConnectionStrings:Crm: cannot use the database ({(ex.InnerException ?? ex).Message}); nothing was changed.");
            return 2;
        }

        await WriteSipSecretsAsync(target, realm, sipPasswords, cancellationToken);
        var output = new StringBuilder();
        output.AppendLine($"SIP passwords (realm '{realm}'; HA1 hashes written to {target}, restart the service to use them):");
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
        if (services.GetRequiredService<IConfiguration>().GetValue("Database:Migrate", true))
        {
            await db.Database.MigrateAsync(cancellationToken);
        }

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

        await db.SaveChangesAsync(cancellationToken);
        return reset;
    }

    private static async Task WriteSipSecretsAsync(string path, string realm, Dictionary<string, string> passwords, CancellationToken cancellationToken)
    {
        var buffer = new MemoryStream();
        await using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            json.WriteStartObject("Sip");
            json.WriteStartObject("Extensions");
            foreach (var (extension, password) in passwords)
            {
                json.WriteStartObject(extension);
                json.WriteString("Password", "");   // overrides sip.json's demo password
                json.WriteString("Ha1Md5", DigestCalculator.ComputeHa1(DigestAlgorithm.Md5, extension, realm, password));
                json.WriteString("Ha1Sha256", DigestCalculator.ComputeHa1(DigestAlgorithm.Sha256, extension, realm, password));
                json.WriteEndObject();
            }

            json.WriteEndObject();
            json.WriteEndObject();
            json.WriteEndObject();
        }

        var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        await using var file = new FileStream(path, options);
        buffer.Position = 0;
        await buffer.CopyToAsync(file, cancellationToken);
    }
}
