using ContactCenter.Crm.Model;
using ContactCenter.Crm.Persistence;
using ContactCenter.Host.Configuration;
using ContactCenter.Host.Sip;
using ContactCenter.Sip.UserAgents;
using ContactCenter.Sip.UserAgents.Registration;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace ContactCenter.Host.Security;

/// <summary>Stops a production-mode start that would run with demo or default secrets, saying which.</summary>
public static class ProductionGate
{
    /// <summary>The command that replaces the demo secrets.</summary>
    public const string GenerateCommand = "dotnet run --project src/ContactCenter.Host -c Release -- secrets generate";

    /// <summary>
    /// Before the database is touched: production mode with <c>Demo:Seed</c> is refused at once (with every other
    /// finding in the settings), so that no demo user is ever seeded into a production database.
    /// </summary>
    public static void RefuseDemoSeeding(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        if (SecurityMode.IsProduction(app.Configuration) && app.Configuration.GetValue("Demo:Seed", false))
        {
            Refuse(SettingsProblems(app.Configuration, app.Services, []));
        }
    }

    /// <summary>
    /// After migration and loading the SIP accounts, whenever the database is prepared (before the host starts, or in the
    /// background once PostgreSQL comes up: see <see cref="Startup.DatabaseStartup"/>): every demo or default secret in the
    /// settings (sip.json entries of extensions the database manages excepted) and in the users' passwords. A refusal
    /// stops the host, which exits with 2 saying which.
    /// </summary>
    public static async Task RefuseDemoSecretsAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(services);
        var configuration = services.GetRequiredService<IConfiguration>();
        if (!SecurityMode.IsProduction(configuration))
        {
            return;
        }

        var problems = SettingsProblems(configuration, services, services.GetRequiredService<SipAccountCredentialStore>().AccountExtensions).ToList();
        await using var scope = services.CreateAsyncScope();
        problems.AddRange(await ProductionSecrets.InDatabaseAsync(scope.ServiceProvider.GetRequiredService<CrmDbContext>(),
            scope.ServiceProvider.GetRequiredService<IPasswordHasher<User>>(), cancellationToken));
        Refuse(problems);
    }

    private static IReadOnlyList<string> SettingsProblems(IConfiguration configuration, IServiceProvider services, IReadOnlyCollection<string> managedExtensions) =>
        ProductionSecrets.InConfiguration(configuration, services.GetRequiredService<IOptions<SipSettings>>().Value,
            services.GetRequiredService<IOptions<RegistrarOptions>>().Value.Realm, managedExtensions);

    private static void Refuse(IReadOnlyList<string> problems)
    {
        if (problems.Count > 0)
        {
            throw new StartupFailureException(SecurityMode.Key,
                $"production mode refuses demo or default secrets: {string.Join("; ", problems)}. Replace them ({GenerateCommand} makes new SIP "
                + "and web passwords), or run the demo with deploy/demo.sh (Security:Mode=Demo).");
        }
    }
}
