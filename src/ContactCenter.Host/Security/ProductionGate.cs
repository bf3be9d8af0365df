using ContactCenter.Crm.Model;
using ContactCenter.Crm.Persistence;
using ContactCenter.Host.Configuration;
using ContactCenter.Sip.UserAgents.Registration;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace ContactCenter.Host.Security;

/// <summary>Stops a production-mode start that would run with demo or default secrets, saying which.</summary>
public static class ProductionGate
{
    /// <summary>The command that replaces the demo secrets.</summary>
    public const string GenerateCommand = "dotnet run --project src/ContactCenter.Host -c Release -- secrets generate";

    /// <summary>Checks settings (before the database is touched, so that nothing demo gets seeded).</summary>
    public static void RefuseDemoSettings(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        if (!SecurityMode.IsProduction(app.Configuration))
        {
            return;
        }

        var sip = app.Services.GetRequiredService<IOptions<SipSettings>>().Value;
        var realm = app.Services.GetRequiredService<IOptions<RegistrarOptions>>().Value.Realm;
        Refuse(ProductionSecrets.InConfiguration(app.Configuration, sip, realm));
    }

    /// <summary>Checks the users in the database (after migration).</summary>
    public static async Task RefuseDemoUsersAsync(this WebApplication app, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(app);
        if (!SecurityMode.IsProduction(app.Configuration))
        {
            return;
        }

        await using var scope = app.Services.CreateAsyncScope();
        Refuse(await ProductionSecrets.InDatabaseAsync(scope.ServiceProvider.GetRequiredService<CrmDbContext>(),
            scope.ServiceProvider.GetRequiredService<IPasswordHasher<User>>(), cancellationToken));
    }

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
