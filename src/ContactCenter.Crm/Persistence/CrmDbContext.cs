using ContactCenter.Crm.Model;
using Microsoft.EntityFrameworkCore;

namespace ContactCenter.Crm.Persistence;

/// <summary>The CRM database: staff, clients, catalog, orders, calls, outbound work, routing rules, audit.</summary>
public sealed class CrmDbContext(DbContextOptions<CrmDbContext> options) : DbContext(options)
{
    public DbSet<Department> Departments => Set<Department>();

    public DbSet<Staff> Staff => Set<Staff>();

    public DbSet<User> Users => Set<User>();

    public DbSet<ClientType> ClientTypes => Set<ClientType>();

    public DbSet<Client> Clients => Set<Client>();

    public DbSet<ClientPhone> ClientPhones => Set<ClientPhone>();

    public DbSet<Receivable> Receivables => Set<Receivable>();

    public DbSet<Product> Products => Set<Product>();

    public DbSet<ProductCertificate> ProductCertificates => Set<ProductCertificate>();

    public DbSet<PriceList> PriceLists => Set<PriceList>();

    public DbSet<ProductPrice> ProductPrices => Set<ProductPrice>();

    public DbSet<Order> Orders => Set<Order>();

    public DbSet<OrderLine> OrderLines => Set<OrderLine>();

    public DbSet<UpsellOffer> UpsellOffers => Set<UpsellOffer>();

    /// <summary>Discount programs, bonuses and promotions decided by management.</summary>
    public DbSet<Promotion> Promotions => Set<Promotion>();

    public DbSet<OrderPromotion> OrderPromotions => Set<OrderPromotion>();

    /// <summary>Reference information and documents operators read and send.</summary>
    public DbSet<ReferenceDocument> ReferenceDocuments => Set<ReferenceDocument>();

    public DbSet<ReferenceFile> ReferenceFiles => Set<ReferenceFile>();

    /// <summary>E-mails to clients, kept until sent.</summary>
    public DbSet<OutgoingEmail> OutgoingEmails => Set<OutgoingEmail>();

    /// <summary>Carrier trunks managed in the admin console, and their numbers (DIDs).</summary>
    public DbSet<Trunk> Trunks => Set<Trunk>();

    public DbSet<TrunkNumber> TrunkNumbers => Set<TrunkNumber>();

    public DbSet<CallRecord> Calls => Set<CallRecord>();

    public DbSet<CallTimelineEntry> CallTimeline => Set<CallTimelineEntry>();

    /// <summary>The recordings catalogue (one row per recorded call).</summary>
    public DbSet<Recording> Recordings => Set<Recording>();

    /// <summary>Agents' state changes, as the ACD published them.</summary>
    public DbSet<AgentStateHistoryEntry> AgentStateHistory => Set<AgentStateHistoryEntry>();

    public DbSet<FeedbackItem> Feedback => Set<FeedbackItem>();

    public DbSet<CallList> CallLists => Set<CallList>();

    public DbSet<CallTask> CallTasks => Set<CallTask>();

    public DbSet<SurveyQuestion> SurveyQuestions => Set<SurveyQuestion>();

    public DbSet<SurveyAnswer> SurveyAnswers => Set<SurveyAnswer>();

    public DbSet<Delivery> Deliveries => Set<Delivery>();

    public DbSet<RoutingPolicyVersion> RoutingPolicyVersions => Set<RoutingPolicyVersion>();

    public DbSet<AgentStateChoice> AgentStates => Set<AgentStateChoice>();

    public DbSet<QueuedCallback> QueuedCallbacks => Set<QueuedCallback>();

    public DbSet<Notification> Notifications => Set<Notification>();

    public DbSet<NotificationRead> NotificationReads => Set<NotificationRead>();

    public DbSet<AuditEntry> Audit => Set<AuditEntry>();

    public DbSet<OutboxMessage> Outbox => Set<OutboxMessage>();

    public DbSet<ProcessedMessage> ProcessedMessages => Set<ProcessedMessage>();

    /// <summary>SIP credentials (HA1 digests) managed in the admin console.</summary>
    public DbSet<SipAccount> SipAccounts => Set<SipAccount>();

    /// <summary>Closed days' inbound-call sums per queue and agent, for the interval reports (<c>CallDaySummaries</c>).</summary>
    public DbSet<CallDayFigures> CallDayFigures => Set<CallDayFigures>();

    /// <summary>The days whose <see cref="CallDayFigures"/> are complete.</summary>
    public DbSet<SummarizedCallDay> SummarizedCallDays => Set<SummarizedCallDay>();

    /// <summary>Closed days' per-agent outbound and abandoned-while-ringing counts, for the agents report (<c>CallDaySummaries</c>).</summary>
    public DbSet<AgentDayFigures> AgentDayFigures => Set<AgentDayFigures>();

    /// <inheritdoc />
    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        ArgumentNullException.ThrowIfNull(modelBuilder);
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(CrmDbContext).Assembly);
    }

    /// <inheritdoc />
    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        ArgumentNullException.ThrowIfNull(configurationBuilder);
        configurationBuilder.Properties<decimal>().HavePrecision(14, 2);
        configurationBuilder.Properties<string>().HaveMaxLength(400);
    }
}
