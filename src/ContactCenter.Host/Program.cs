using ContactCenter.Crm;
using ContactCenter.Crm.Api;
using ContactCenter.Host.Api;
using ContactCenter.Host.BrowserPhone;
using ContactCenter.Host.Bus;
using ContactCenter.Host.Calls;
using ContactCenter.Host.Configuration;
using ContactCenter.Host.Desk;
using ContactCenter.Host.Security;
using ContactCenter.Host.Sip;
using ContactCenter.Host.Startup;
using Microsoft.Extensions.Options;

try
{
    if (SecretsCommand.IsRequested(args))
    {
        return await SecretsCommand.RunAsync(args, CancellationToken.None);
    }

    // appsettings.json is read once: reloading it would watch the whole content root, subfolders included, and on one
    // machine the spool, the crash-recovery journal and the recordings live there - every call's writes woke the watcher
    // (issue #14: its thread took about 4 % of the host's CPU at 1,000 calls/s). sip.json keeps its own watcher.
    var builder = WebApplication.CreateBuilder([.. args, "--hostBuilder:reloadConfigOnChange=false"]);
    builder.Configuration.AddSipConfig(builder.Environment);
    builder.Configuration.AddDemoSipCertificate(TimeProvider.System);
    // Serve ContactCenter.Web's pages from the build output in every environment (a publish copies them to wwwroot).
    builder.WebHost.UseStaticWebAssets();
    // Under systemd (Type=notify): ready, stopping and watchdog notifications; a no-op elsewhere.
    builder.Host.UseSystemd();

    // Kestrel needs the HTTP settings before the options system validates them: check them here.
    var http = builder.Configuration.GetSection(HttpSettings.Section).Get<HttpSettings>() ?? new HttpSettings();
    var httpErrors = new List<System.ComponentModel.DataAnnotations.ValidationResult>();
    if (!System.ComponentModel.DataAnnotations.Validator.TryValidateObject(http, new(http), httpErrors, validateAllProperties: true))
    {
        throw new OptionsValidationException(HttpSettings.Section, typeof(HttpSettings), httpErrors.Select(e => e.ErrorMessage ?? "invalid"));
    }

    builder.Services.AddOptions<HttpSettings>().Bind(builder.Configuration.GetSection(HttpSettings.Section)).ValidateDataAnnotations().ValidateOnStart();
    builder.Services.AddOptions<SipSettings>().Bind(builder.Configuration.GetSection(SipSettings.Section)).ValidateDataAnnotations().ValidateOnStart();
    builder.Services.AddSingleton<IValidateOptions<SipSettings>, SipSettingsValidator>();
    builder.WebHost.ConfigureKestrel(kestrel => HttpTransportSecurity.Listen(kestrel, http));

    builder.Services.AddSingleton(TimeProvider.System);
    builder.Services.AddProblemDetails();
    builder.Services.AddDatabaseStartup();
    builder.Services.AddExceptionHandler<CrmUnavailableExceptionHandler>();
    builder.Services.AddOpenApi();
    builder.Services.AddCrm(builder.Configuration);
    builder.Services.AddContactCenterBus(builder.Configuration);
    builder.Services.AddContactCenterSecurity(builder.Configuration);
    builder.Services.AddHttpTransportSecurity(http);
    builder.Services.AddContactCenterTelemetry();
    builder.Services.AddSipStack(builder.Configuration);
    builder.Services.AddCallEngineHost(builder.Configuration);
    builder.Services.AddDesk();
    builder.Services.AddContactCenterHealth();
    builder.Services.AddSystemdWatchdog();

    var app = builder.Build();
    // Run the ValidateOnStart checks now, before anything logs: a bad setting gives one clear line.
    app.Services.GetService<IStartupValidator>()?.Validate();
    app.RefuseDemoSeeding();
    app.UseHttpTransportSecurity(http);
    app.UseExceptionHandler();
    app.UseStatusCodePages();
    app.UseDefaultFiles();
    app.UseStaticFiles();
    app.UseWebSockets();
    app.UseAuthentication();
    app.UseAuthorization();

    app.MapContactCenterHealth();
    app.MapOpenApi().RequireAuthorization(CrmPolicies.Admin);
    app.MapContactCenterTelemetry();
    app.MapAuthEndpoints();
    app.MapCrmEndpoints();
    app.MapSipEndpoints();
    app.MapSipAccountEndpoints();
    app.MapTrunkEndpoints();
    app.MapAnnouncementEndpoints();
    app.MapCallEndpoints();
    app.MapSupervisionEndpoints();
    app.MapRoutingEndpoints();
    app.MapAgentEndpoints();
    app.MapDesk();
    app.MapBrowserPhone();

    // Migrates, seeds, loads the SIP accounts and checks production secrets when the database is up (else in the background).
    await app.Services.GetRequiredService<DatabaseStartup>().TryPrepareBeforeStartAsync(app.Lifetime.ApplicationStopping);
    await app.StartAsync();
    StartupBanner.Print(app, http);
    await app.WaitForShutdownAsync();
    // A background service that failed stopped the host: say so to the supervisor (systemd restarts on non-zero).
    return BackgroundFailures.ExitCode(app.Services);
}
catch (Exception ex) when (StartupErrors.TryDescribe(ex, out var message))
{
    await Console.Error.WriteLineAsync($"ContactCenter cannot start: {message}");
    return 2;
}
