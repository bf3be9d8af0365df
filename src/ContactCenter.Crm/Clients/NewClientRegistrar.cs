using ContactCenter.Contracts.Calls;
using ContactCenter.Contracts.Clients;
using ContactCenter.Crm.Model;
using ContactCenter.Crm.Notifications;
using ContactCenter.Crm.Outbox;
using ContactCenter.Crm.Persistence;
using ContactCenter.PhoneNumbers;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ContactCenter.Crm.Clients;

/// <summary>
/// Records a first-time caller (DOMAIN "Routing an inbound call", rule 1): a client of type <c>new</c> with the caller's
/// number, and a notification for the head of the department who assigns a manager. One client per number, however
/// often and however concurrently the call events arrive: the number is locked for the transaction and looked up first.
/// </summary>
internal sealed partial class NewClientRegistrar(
    CrmDbContext db,
    PhoneNumberNormalizer numbers,
    Notifier notifier,
    Outbox.Outbox outbox,
    OutboxSignal outboxSignal,
    Audit audit,
    IOptions<NewClientOptions> options,
    TimeProvider time,
    ILogger<NewClientRegistrar> logger)
{
    /// <summary>Code of the client type given to first-time callers.</summary>
    public const string NewTypeCode = "new";

    /// <summary>The name the audit log gives the CRM itself.</summary>
    public const string SystemUser = "crm";

    /// <summary>
    /// Creates the client when <paramref name="call"/> is an inbound call from a usable number that no client has;
    /// returns its id, or null when nothing was created (outbound or internal call, anonymous number, known number).
    /// </summary>
    public async Task<Guid?> RegisterAsync(CallReceived call, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(call);
        if (!IsCandidate(call, out var e164))
        {
            return null;
        }

        // Nearly every caller is known: one indexed read, no transaction, no lock.
        if (await db.ClientPhones.AsNoTracking().AnyAsync(p => p.E164 == e164, cancellationToken))
        {
            return null;
        }

        return await CreateAsync(call, e164, cancellationToken);
    }

    /// <summary>
    /// <see cref="RegisterAsync"/> for a batch of calls, in their order, with one read for the numbers the batch holds
    /// (issue #14: the call log's lane delivers the engine's events in batches; a read per call was 5 % of the host's CPU).
    /// Returns how many clients were created.
    /// </summary>
    public async Task<int> RegisterAllAsync(IReadOnlyList<CallReceived> calls, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(calls);
        var candidates = new List<(CallReceived Call, string E164)>(calls.Count);
        foreach (var call in calls)
        {
            if (IsCandidate(call, out var e164))
            {
                candidates.Add((call, e164));
            }
        }

        if (candidates.Count == 0)
        {
            return 0;
        }

        var numbers = candidates.Select(c => c.E164).Distinct().ToList();
        var known = (await db.ClientPhones.AsNoTracking().Where(p => numbers.Contains(p.E164)).Select(p => p.E164)
            .ToListAsync(cancellationToken)).ToHashSet(StringComparer.Ordinal);
        var created = 0;
        foreach (var (call, e164) in candidates)
        {
            // A number is settled by its first call here: created, found under the lock, or refused as a flood.
            if (known.Add(e164) && await CreateAsync(call, e164, cancellationToken) is not null)
            {
                created++;
            }
        }

        return created;
    }

    private bool IsCandidate(CallReceived call, out string e164)
    {
        e164 = string.Empty;
        return call.Direction == CallDirection.Inbound && numbers.TryNormalize(call.CallerNumberE164, out e164) && e164 == call.CallerNumberE164;
    }

    // The number looked unknown: create the client under the number's lock, after looking again inside the transaction.
    private async Task<Guid?> CreateAsync(CallReceived call, string e164, CancellationToken cancellationToken)
    {
        var created = await db.Database.CreateExecutionStrategy().ExecuteAsync(async token =>
        {
            db.ChangeTracker.Clear();
            await using var transaction = await db.Database.BeginTransactionAsync(token);
            // Two calls from one new number at once (or a redelivery racing the original) serialise here.
            await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock(hashtextextended({"new-client:" + e164}, 0))", token);
            if (await db.ClientPhones.AnyAsync(p => p.E164 == e164, token))
            {
                return (Guid?)null;
            }

            if (await IsPrefixFloodedAsync(e164, token))
            {
                return null;
            }

            var client = await AddClientAsync(call, e164, token);
            await NotifyHeadAsync(client, e164, token);
            outbox.Enqueue(new ClientCreated(Guid.CreateVersion7(time.GetUtcNow()), client.Id, e164, NewTypeCode, time.GetUtcNow()));
            audit.Record(SystemUser, "create", "client", client.Id.ToString(), $"new caller {e164}; call={call.CallId}");
            await db.SaveChangesAsync(token);
            await transaction.CommitAsync(token);
            return client.Id;
        }, cancellationToken);

        if (created is { } id)
        {
            outboxSignal.Notify();
            LogCreated(logger, id, e164);
        }

        return created;
    }

    // Bounded per caller-ID prefix and hour; counted under a lock of the prefix so parallel arrivals cannot overshoot.
    private async Task<bool> IsPrefixFloodedAsync(string e164, CancellationToken cancellationToken)
    {
        var prefix = e164[..Math.Min(e164.Length, 1 + options.Value.PrefixDigits)];
        await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock(hashtextextended({"new-client-prefix:" + prefix}, 0))", cancellationToken);
        var since = time.GetUtcNow().AddHours(-1);
        var recent = await db.Clients.AsNoTracking()
            .CountAsync(c => c.CreatedAt >= since && c.ClientType!.Code == NewTypeCode && c.Phones.Any(p => p.E164.StartsWith(prefix)), cancellationToken);
        if (recent < options.Value.MaxPerPrefixPerHour)
        {
            return false;
        }

        LogPrefixFlooded(logger, e164, prefix, recent);
        return true;
    }

    private async Task<Client> AddClientAsync(CallReceived call, string e164, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var type = await db.ClientTypes.FirstOrDefaultAsync(t => t.Code == NewTypeCode, cancellationToken)
            ?? db.ClientTypes.Add(new ClientType { Id = Guid.CreateVersion7(now), Code = NewTypeCode, Name = "New (no manager yet)" }).Entity;
        var client = new Client
        {
            Id = Guid.CreateVersion7(now), Name = "New caller " + e164, ClientTypeId = type.Id, CreatedAt = now,
            Notes = $"First call {call.CallId} to {call.DialedNumber} at {call.OccurredAt:yyyy-MM-dd HH:mm:ss} UTC.",
        };
        client.Phones.Add(new ClientPhone { Id = Guid.CreateVersion7(now), E164 = e164, Label = "first call" });
        db.Clients.Add(client);
        return client;
    }

    private async Task NotifyHeadAsync(Client client, string e164, CancellationToken cancellationToken)
    {
        var code = options.Value.Department;
        var department = await db.Departments.AsNoTracking().Where(d => d.Code == code)
            .Select(d => new { d.Id, d.HeadStaffId }).FirstOrDefaultAsync(cancellationToken);
        var text = $"New caller {e164}: assign a manager to the new client.";
        if (department?.HeadStaffId is { } head)
        {
            await notifier.ToStaffAsync(head, NotificationKinds.ClientToAssign, text, "client", client.Id, cancellationToken);
        }
        else if (department is not null)
        {
            await notifier.ToDepartmentAsync(department.Id, NotificationKinds.ClientToAssign, text, "client", client.Id, cancellationToken);
        }
        else
        {
            LogNoDepartment(logger, code, client.Id);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "New caller {PhoneE164} not recorded: {Count} new clients from {Prefix} within the hour (Crm:NewClients:MaxPerPrefixPerHour)")]
    private static partial void LogPrefixFlooded(ILogger logger, string phoneE164, string prefix, int count);

    [LoggerMessage(Level = LogLevel.Information, Message = "New caller {PhoneE164} recorded as client {ClientId}")]
    private static partial void LogCreated(ILogger logger, Guid clientId, string phoneE164);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Crm:NewClients:Department '{Department}' does not exist: nobody was told about new client {ClientId}")]
    private static partial void LogNoDepartment(ILogger logger, string department, Guid clientId);
}
