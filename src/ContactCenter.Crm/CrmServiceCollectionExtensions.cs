using ContactCenter.Crm.AgentStates;
using ContactCenter.Crm.CallLog;
using ContactCenter.Crm.Clients;
using ContactCenter.Crm.Demo;
using ContactCenter.Crm.Dialing;
using ContactCenter.Crm.Dispatch;
using ContactCenter.Crm.Documents;
using ContactCenter.Crm.Feedback;
using ContactCenter.Crm.MasterData;
using ContactCenter.Crm.Model;
using ContactCenter.Crm.Notifications;
using ContactCenter.Crm.Orders;
using ContactCenter.Crm.Outbound;
using ContactCenter.Crm.Outbox;
using ContactCenter.Crm.Persistence;
using ContactCenter.Crm.Promotions;
using ContactCenter.Crm.Recordings;
using ContactCenter.Crm.Reports;
using ContactCenter.Crm.Users;
using ContactCenter.PhoneNumbers;
using MassTransit;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace ContactCenter.Crm;

/// <summary>Registers the CRM in parts (store, call log, desks, schedules), so that each process takes what it runs.</summary>
public static class CrmServiceCollectionExtensions
{
    /// <summary>Name of the connection string the CRM uses (<c>ConnectionStrings:Crm</c>).</summary>
    public const string ConnectionStringName = "Crm";

    /// <summary>
    /// Adds the whole CRM as the host runs it: <see cref="AddCrmStore"/>, <see cref="AddCrmCallLog"/>, <see cref="AddCrmDesks"/>
    /// and <see cref="AddCrmSchedules"/>. Fails at start-up, naming the key, when the connection string is missing.
    /// </summary>
    public static IServiceCollection AddCrm(this IServiceCollection services, IConfiguration configuration) =>
        services.AddCrmStore(configuration).AddCrmCallLog(configuration).AddCrmDesks(configuration).AddCrmSchedules();

    /// <summary>
    /// The database, the outbox (with its publisher as a hosted service), audit, metrics and the database health check:
    /// what every CRM process needs. Fails at start-up, naming the key, when the connection string is missing or invalid.
    /// </summary>
    public static IServiceCollection AddCrmStore(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var connectionString = configuration.GetConnectionString(ConnectionStringName);
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            throw new OptionsValidationException($"ConnectionStrings:{ConnectionStringName}", typeof(string),
                [$"ConnectionStrings:{ConnectionStringName} is not set: give the PostgreSQL connection string of the CRM database."]);
        }

        try
        {
            _ = new Npgsql.NpgsqlConnectionStringBuilder(connectionString);
        }
        catch (ArgumentException ex)
        {
            throw new OptionsValidationException($"ConnectionStrings:{ConnectionStringName}", typeof(string),
                [$"ConnectionStrings:{ConnectionStringName} is not a valid PostgreSQL connection string: {ex.Message}"]);
        }

        services.AddPhoneNumbers(configuration);
        services.TryAddTimeProvider();
        services.AddDbContext<CrmDbContext>(options => CrmDatabase.Configure(options, connectionString));
        services.AddOptions<OutboxOptions>().Bind(configuration.GetSection(OutboxOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<OutboxSignal>();
        services.AddSingleton<CrmMetrics>();
        services.AddScoped<Outbox.Outbox>();
        services.AddSingleton<OutboxPublisher>();
        services.AddHostedService(sp => sp.GetRequiredService<OutboxPublisher>());
        services.AddScoped<Audit>();
        services.AddHealthChecks().AddDbContextCheck<CrmDbContext>("crm-database", tags: ["ready"]);
        return services;
    }

    /// <summary>
    /// What the CRM's bus consumers (<see cref="AddCrmConsumers"/>) need: the call log's group commit and reader, and the
    /// registration of new callers with its notifications. Needs <see cref="AddCrmStore"/>.
    /// </summary>
    public static IServiceCollection AddCrmCallLog(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<CallLogOptions>().Bind(configuration.GetSection(CallLogOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<NewClientOptions>().Bind(configuration.GetSection(NewClientOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddScoped<CallLogWriter>();
        services.AddSingleton<CallLogBatcher>();
        services.AddSingleton(sp => new EngineEvents.InProcessCallEvents(sp.GetRequiredService<CallLogBatcher>(), sp.GetRequiredService<IServiceScopeFactory>(),
            sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<Microsoft.Extensions.Logging.ILogger<EngineEvents.InProcessCallEvents>>()));
        services.AddScoped<CallLogReader>();
        services.AddScoped<Notifier>();
        services.AddSingleton<OutboundRefusalAlerts.Throttle>();
        services.AddScoped<NewClientRegistrar>();
        return services;
    }

    /// <summary>
    /// The desks behind the API (users, client cards, orders, call lists, dispatch, complaints, notifications, reports),
    /// without any background work. Needs <see cref="AddCrmStore"/> and <see cref="AddCrmCallLog"/>.
    /// </summary>
    public static IServiceCollection AddCrmDesks(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton<IPasswordHasher<User>, PasswordHasher<User>>();
        services.AddScoped<UserDirectory>();
        services.AddScoped<DemoDataSeeder>();
        services.AddSingleton<DebtStatusCalculator>();
        services.AddScoped<PriceBook>();
        services.AddScoped<CreditCheck>();
        services.AddScoped<ClientCardReader>();
        services.AddScoped<OrderReader>();
        services.AddScoped<OrderWork>();
        services.AddScoped<OrderDesk>();
        services.AddScoped<OrderAmendments>();
        services.AddScoped<PromotionRecords>();
        services.AddScoped<DeskCatalog>();
        services.AddScoped<ClientRecords>();
        services.AddScoped<ClientTypeRecords>();
        services.AddScoped<ReceivableRecords>();
        services.AddScoped<ClientImport>();
        services.AddScoped<ReceivableImport>();
        services.AddScoped<MasterData.Catalog.ProductRecords>();
        services.AddScoped<MasterData.Catalog.PriceListRecords>();
        services.AddScoped<MasterData.Catalog.ProductImport>();
        services.AddScoped<MasterData.Catalog.PriceImport>();
        services.AddSingleton<MasterData.Import.ImportJobs>();
        services.AddOptions<MasterData.Import.FolderImportOptions>().Bind(configuration.GetSection(MasterData.Import.FolderImportOptions.Section));
        services.AddSingleton<MasterData.Import.FolderImportSchedule>();
        services.AddHostedService(sp => sp.GetRequiredService<MasterData.Import.FolderImportSchedule>());
        services.AddOutboundWork(configuration);
        services.AddCrmOperations(configuration);
        services.AddCrmDocuments(configuration);
        services.AddOptions<DoNotCallOptions>().Bind(configuration.GetSection(DoNotCallOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<DoNotCallNumbers>();
        services.AddHostedService(sp => sp.GetRequiredService<DoNotCallNumbers>());
        return services;
    }

    /// <summary>
    /// The schedules that place calls (sleeping clients' lists, dispatch notifications) and the recordings' retention:
    /// they run beside the dialer and the recorder's disk.
    /// </summary>
    public static IServiceCollection AddCrmSchedules(this IServiceCollection services)
    {
        services.AddSingleton<RecordingRetention>();
        services.AddHostedService(sp => sp.GetRequiredService<RecordingRetention>());
        services.AddSingleton<SleepingListSchedule>();
        services.AddHostedService(sp => sp.GetRequiredService<SleepingListSchedule>());
        services.AddSingleton<DispatchAutoNotifier>();
        services.AddHostedService(sp => sp.GetRequiredService<DispatchAutoNotifier>());
        return services;
    }

    /// <summary>
    /// Adds the CRM's bus consumers. With <paramref name="engineEventsInProcess"/> the engine's events of
    /// <see cref="EngineEvents.InProcessCallEvents.Types"/> reach the CRM through <see cref="EngineEvents.InProcessCallEvents"/>
    /// instead (one process: the host hands them over from its spool), so their consumers are left off the bus.
    /// </summary>
    public static IBusRegistrationConfigurator AddCrmConsumers(this IBusRegistrationConfigurator bus, bool engineEventsInProcess = false)
    {
        ArgumentNullException.ThrowIfNull(bus);
        if (!engineEventsInProcess)
        {
            // Up to a batch's worth in flight: each consumer waits for the call log's group commit (CallLogBatcher), so
            // the events in flight together are written in one transaction.
            bus.AddConsumer<CallEventsConsumer>().Endpoint(e =>
            {
                e.ConcurrentMessageLimit = CallLogOptions.MaxBatchLimit;
                e.PrefetchCount = CallLogOptions.MaxBatchLimit;
            });
            // Its own queue: every CallReceived reaches it too; new callers are rare, one at a time is plenty.
            bus.AddConsumer<NewCallerConsumer>().Endpoint(e => e.ConcurrentMessageLimit = 1);
            // Agent state history: one insert per batch of changes, idempotent on the event id.
            bus.AddConsumer<AgentStateHistoryConsumer>((_, c) => c.Options<BatchOptions>(o => o
                .SetMessageLimit(AgentStateHistoryConsumer.BatchLimit).SetTimeLimit(AgentStateHistoryConsumer.BatchTime).SetConcurrencyLimit(1)));
        }

        bus.AddConsumer<OutboundRefusalConsumer>();
        // Accepted orders with a delivery date go on the dispatcher's list.
        bus.AddConsumer<DeliveryFromOrderConsumer>();
        // Toll-fraud alerts: the engine's refused outbound calls to a department head's desk.
        bus.AddConsumer<OutboundRefusalAlerts>();
        // After-hours voicemails become call-back tasks for their queue (one at a time: the queue's list is made once).
        bus.AddConsumer<VoicemailTaskConsumer>().Endpoint(e => e.ConcurrentMessageLimit = 1);
        return bus;
    }

    // Call lists, do-not-call and dispatch; the host replaces the dialer with the call engine's.
    private static void AddOutboundWork(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<OutboundOptions>().Bind(configuration.GetSection(OutboundOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<SleepingListOptions>().Bind(configuration.GetSection(SleepingListOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<DispatchOptions>().Bind(configuration.GetSection(DispatchOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton<IOutboundDialer, UnavailableOutboundDialer>();
        services.AddScoped<DoNotCallList>();
        services.AddScoped<DoNotCallDesk>();
        services.AddScoped<CallTaskEvents>();
        services.AddScoped<CallListDesk>();
        services.AddScoped<CallListReports>();
        services.AddScoped<CallTaskDesk>();
        services.AddScoped<DispatchDesk>();
    }

    // Reference documents and e-mail to clients (issue #18).
    private static void AddCrmDocuments(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<DocumentOptions>().Bind(configuration.GetSection(DocumentOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<MailOptions>().Bind(configuration.GetSection(MailOptions.Section)).ValidateDataAnnotations()
            .Validate(o => MimeKit.MailboxAddress.TryParse(o.From, out _), "Crm:Mail:From must be an e-mail address, e.g. Orders <orders@example.com>.")
            .Validate(o => o.FirstRetryDelay > TimeSpan.Zero && o.MaxRetryDelay >= o.FirstRetryDelay && o.PollInterval > TimeSpan.Zero && o.Timeout > TimeSpan.Zero,
                "Crm:Mail: FirstRetryDelay, PollInterval and Timeout must be positive, MaxRetryDelay at least FirstRetryDelay.")
            .ValidateOnStart();
        services.AddScoped<ReferenceLibrary>();
        services.AddScoped<EmailDesk>();
        services.AddSingleton<EmailSender>();
        services.AddHostedService(sp => sp.GetRequiredService<EmailSender>());
    }

    // New clients, complaints and wishes, notifications, reports.
    private static void AddCrmOperations(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<FeedbackOptions>().Bind(configuration.GetSection(FeedbackOptions.Section))
            .Validate(o => o.Categories.Count > 0 && o.Categories.All(c => !string.IsNullOrWhiteSpace(c.Value)),
                "Crm:Feedback:Categories: every category needs a department code.")
            .ValidateOnStart();
        services.AddOptions<DispositionOptions>().Bind(configuration.GetSection(DispositionOptions.Section))
            .Validate(o => o.InForce.Any() && o.InForce.All(c => c.Key.Length <= DispositionOptions.MaxCodeLength),
                $"Crm:Dispositions:Choices: give at least one code (at most {DispositionOptions.MaxCodeLength} characters) with a label.")
            .ValidateOnStart();
        services.AddOptions<OrderFollowOptions>().Bind(configuration.GetSection(OrderFollowOptions.Section));
        services.AddOptions<ReportOptions>().Bind(configuration.GetSection(ReportOptions.Section)).ValidateDataAnnotations()
            .Validate(o => TimeZoneInfo.TryFindSystemTimeZoneById(o.TimeZone, out _), "Crm:Reports:TimeZone: give a time zone id such as UTC or Europe/Moscow.")
            .ValidateOnStart();
        services.AddScoped<NotificationInbox>();
        services.AddScoped<ClientAssignments>();
        services.AddScoped<ManagerClients>();
        services.AddScoped<FeedbackDesk>();
        services.AddScoped<ReportReader>();
        services.AddScoped<AgentTimeReader>();
        services.AddScoped<IntervalReportReader>();
        services.TryAddSingleton<IServiceLevelThresholds, DefaultServiceLevelThresholds>();
        services.AddSingleton<ServiceLevel>();
        services.AddOptions<RecordingOptions>().Bind(configuration.GetSection(RecordingOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddScoped<RecordingCatalogue>();
    }

    private static void TryAddTimeProvider(this IServiceCollection services)
    {
        if (!services.Any(d => d.ServiceType == typeof(TimeProvider)))
        {
            services.AddSingleton(TimeProvider.System);
        }
    }
}
