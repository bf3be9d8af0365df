using ContactCenter.Crm;
using ContactCenter.Crm.Messaging;
using ContactCenter.Crm.Persistence;
using MassTransit;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.EntityFrameworkCore;
using OpenTelemetry.Metrics;

// The CRM's consumers in a process of their own (issue #6): the call log, new callers and the outbox, fed over RabbitMQ
// by a telephony host started with Bus:CrmConsumers=false. The API, the desks and the schedules that place calls
// (sleeping clients, dispatch) stay in the host beside the engine that dials; both share the CRM database.
try
{
    var builder = WebApplication.CreateBuilder(args);
    var rabbit = CrmServiceSettings.RabbitMq(builder.Configuration);
    var http = CrmServiceSettings.Listen(builder.Configuration);
    builder.WebHost.UseUrls(http);

    // The store (with the outbox publisher: several publishers share the outbox safely) and what the consumers need;
    // no desks and no schedules that place calls.
    builder.Services.AddCrmStore(builder.Configuration).AddCrmCallLog(builder.Configuration);
    builder.Services.AddMassTransit(bus =>
    {
        bus.AddCrmConsumers();
        BusTransport.Use(bus, rabbit);
    });
    builder.Services.AddOpenTelemetry().WithMetrics(metrics => metrics.AddMeter(CrmMetrics.MeterName, "MassTransit").AddPrometheusExporter());

    var app = builder.Build();
    app.MapHealthChecks("/health", new HealthCheckOptions { Predicate = _ => false });
    app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = check => check.Tags.Contains("ready") });
    app.MapPrometheusScrapingEndpoint("/metrics");

    await using (var scope = app.Services.CreateAsyncScope())
    {
        // The host usually migrated already; whichever process starts first does it (EF Core takes a lock for it).
        await scope.ServiceProvider.GetRequiredService<CrmDbContext>().Database.MigrateAsync(app.Lifetime.ApplicationStopping);
    }

    await app.RunAsync();
    return 0;
}
catch (CrmServiceSettingsException ex)
{
    await Console.Error.WriteLineAsync($"ContactCenter CRM service cannot start: {ex.Message}");
    return 2;
}
catch (Microsoft.Extensions.Options.OptionsValidationException ex)
{
    await Console.Error.WriteLineAsync($"ContactCenter CRM service cannot start: {ex.OptionsName}: {string.Join("; ", ex.Failures)}");
    return 2;
}
