using ContactCenter.Crm.Model;
using ContactCenter.Crm.Persistence;
using ContactCenter.PhoneNumbers;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace ContactCenter.Crm.Demo;

/// <summary>
/// Writes <see cref="DemoData"/> into the database. Idempotent: what exists (by extension, code, name,
/// SKU, user name) is left as it is, so running it twice duplicates nothing and keeps users' changes.
/// </summary>
public sealed partial class DemoDataSeeder(
    CrmDbContext db,
    PhoneNumberNormalizer numbers,
    IPasswordHasher<User> hasher,
    TimeProvider time,
    ILogger<DemoDataSeeder> logger)
{
    /// <summary>Seeds what is missing, in one transaction; returns how many rows were added.</summary>
    public Task<int> SeedAsync(CancellationToken cancellationToken) =>
        db.Database.CreateExecutionStrategy().ExecuteAsync(SeedOnceAsync, cancellationToken);

    private async Task<int> SeedOnceAsync(CancellationToken cancellationToken)
    {
        db.ChangeTracker.Clear();
        var now = time.GetUtcNow();
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        var added = 0;
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);

        var departments = await db.Departments.ToDictionaryAsync(d => d.Code, cancellationToken);
        foreach (var (code, name, _) in DemoData.Departments)
        {
            if (!departments.ContainsKey(code))
            {
                departments[code] = db.Departments.Add(new Department { Id = NewId(), Code = code, Name = name }).Entity;
                added++;
            }
        }

        var staff = await db.Staff.ToDictionaryAsync(s => s.Extension, cancellationToken);
        foreach (var (extension, name, role, department, keyAccount) in DemoData.Staff)
        {
            if (!staff.ContainsKey(extension))
            {
                staff[extension] = db.Staff.Add(new Staff
                {
                    Id = NewId(), Extension = extension, FullName = name, Role = role,
                    DepartmentId = departments[department].Id, IsKeyAccountManager = keyAccount,
                }).Entity;
                added++;
            }
        }

        // Departments and staff point at each other (head, department): save both before linking heads.
        await db.SaveChangesAsync(cancellationToken);
        foreach (var (code, _, head) in DemoData.Departments)
        {
            if (head is not null && departments[code].HeadStaffId is null)
            {
                departments[code].HeadStaffId = staff[head].Id;
            }
        }

        var users = await db.Users.Select(u => u.UserName).ToHashSetAsync(cancellationToken);
        if (users.Add(DemoData.AdminUserName))
        {
            AddUser(DemoData.AdminUserName, DemoData.AdminPassword, [nameof(StaffRole.Admin)], null, now);
            added++;
        }

        foreach (var (extension, _, role, _, _) in DemoData.Staff)
        {
            if (users.Add(extension))
            {
                AddUser(extension, DemoData.PasswordOf(extension), [role.ToString()], staff[extension].Id, now);
                added++;
            }
        }

        var types = await db.ClientTypes.ToDictionaryAsync(t => t.Code, cancellationToken);
        foreach (var (code, name) in DemoData.ClientTypes)
        {
            if (!types.ContainsKey(code))
            {
                types[code] = db.ClientTypes.Add(new ClientType { Id = NewId(), Code = code, Name = name }).Entity;
                added++;
            }
        }

        added += await SeedClientsAsync(types, staff, today, now, cancellationToken);
        added += await SeedCatalogAsync(types, today, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        added += await SeedOutboundAsync(staff, today, now, cancellationToken);
        added += await SeedFeedbackAsync(departments, now, cancellationToken);

        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        LogSeeded(logger, added);
        return added;
    }

    private async Task<int> SeedClientsAsync(Dictionary<string, ClientType> types, Dictionary<string, Staff> staff,
        DateOnly today, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var added = 0;
        var existing = await db.Clients.Select(c => c.Name).ToHashSetAsync(cancellationToken);
        foreach (var demo in DemoData.Clients.Where(c => !existing.Contains(c.Name)))
        {
            var client = new Client
            {
                Id = NewId(), Name = demo.Name, ClientTypeId = types[demo.Type].Id,
                AssignedManagerId = demo.ManagerExtension is null ? null : staff[demo.ManagerExtension].Id,
                PriceColumn = demo.PriceColumn, CreditLimit = demo.CreditLimit, CreatedAt = now, LastOrderAt = now.AddDays(-7),
            };
            client.Phones.Add(new ClientPhone { Id = NewId(), E164 = numbers.Normalize(demo.Phone), Label = "main" });
            client.Receivables.AddRange(DemoReceivables(demo.Name, today));
            db.Clients.Add(client);
            added++;
        }

        return added;
    }

    private IEnumerable<Receivable> DemoReceivables(string clientName, DateOnly today) => clientName switch
    {
        // Within limit and not yet due: orders are accepted.
        "Arbat Foods" => [new Receivable { Id = NewId(), DocumentNumber = "INV-1001", Outstanding = 120_000m, DueDate = today.AddDays(20) }],
        // Overdue: orders refused, call goes to the manager or Finance.
        "Late Payer" => [new Receivable { Id = NewId(), DocumentNumber = "INV-1007", Outstanding = 18_500m, DueDate = today.AddDays(-30) }],
        // Not overdue, but above the 100,000 credit limit.
        "Over Limit" => [
            new Receivable { Id = NewId(), DocumentNumber = "INV-1008", Outstanding = 90_000m, DueDate = today.AddDays(60) },
            new Receivable { Id = NewId(), DocumentNumber = "INV-1009", Outstanding = 60_000m, DueDate = today.AddDays(90) },
        ],
        _ => [],
    };

    private async Task<int> SeedCatalogAsync(Dictionary<string, ClientType> types, DateOnly today, CancellationToken cancellationToken)
    {
        var added = 0;
        var products = await db.Products.ToDictionaryAsync(p => p.Sku, cancellationToken);
        foreach (var (sku, name, unit, isNew, traditionalFor, _) in DemoData.Products)
        {
            if (!products.ContainsKey(sku))
            {
                var product = new Product { Id = NewId(), Sku = sku, Name = name, Unit = unit, IsNew = isNew };
                product.TraditionalFor.AddRange(traditionalFor.Select(t => types[t]));
                products[sku] = db.Products.Add(product).Entity;
                added++;
            }
        }

        if (!await db.PriceLists.AnyAsync(p => p.Name == DemoData.PriceListName, cancellationToken))
        {
            var list = new PriceList { Id = NewId(), Name = DemoData.PriceListName, ValidFrom = today };
            list.Columns.AddRange(DemoData.PriceColumns.Select(c => new PriceListColumn { Index = c.Index, Name = c.Name }));
            list.Prices.AddRange(
                from p in DemoData.Products
                from c in DemoData.PriceColumns
                select new ProductPrice { ProductId = products[p.Sku].Id, ColumnIndex = c.Index, Price = decimal.Round(p.BasePrice * (1 - c.Discount), 2) });
            db.PriceLists.Add(list);
            added++;
        }

        return added;
    }

    private async Task<int> SeedOutboundAsync(Dictionary<string, Staff> staff, DateOnly today, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var added = 0;
        if (!await db.CallLists.AnyAsync(l => l.Name == DemoData.CallListName, cancellationToken))
        {
            var (head, operators, clients) = DemoData.CallList;
            var list = new CallList
            {
                Id = NewId(), Name = DemoData.CallListName, Purpose = "survey", CreatedAt = now, DueDate = today.AddDays(7),
                Instructions = "Introduce the new products, then ask the four questions and note the answers.",
                CreatedByStaffId = staff[head].Id, OperatorIds = [.. operators.Select(o => staff[o].Id)],
            };
            list.Questions.AddRange(DemoData.SurveyQuestions.Select((q, i) => new SurveyQuestion
            {
                Id = NewId(), CallListId = list.Id, Number = i + 1, Text = q.Text, Kind = q.Kind, Choices = [.. q.Choices],
            }));
            var phones = await db.Clients.Where(c => clients.Contains(c.Name))
                .Select(c => new { c.Id, c.Name, Phone = c.Phones.OrderBy(p => p.Id).Select(p => p.E164).First() })
                .ToDictionaryAsync(c => c.Name, cancellationToken);
            list.Tasks.AddRange(clients.Where(phones.ContainsKey).Select((name, i) => new CallTask
            {
                Id = NewId(), CallListId = list.Id, Position = i + 1, ClientId = phones[name].Id, PhoneE164 = phones[name].Phone,
            }));
            db.CallLists.Add(list);
            added++;
        }

        var deliveries = await db.Deliveries.Select(d => d.ConsigneeName).ToHashSetAsync(cancellationToken);
        foreach (var (consignee, phone, inDays, window) in DemoData.Deliveries.Where(d => !deliveries.Contains(d.Consignee)))
        {
            var e164 = numbers.Normalize(phone);
            db.Deliveries.Add(new Delivery
            {
                Id = NewId(), ConsigneeName = consignee, Phones = [e164], PlannedDate = today.AddDays(inDays), Window = window,
                ClientId = await db.ClientPhones.Where(p => p.E164 == e164).Select(p => (Guid?)p.ClientId).FirstOrDefaultAsync(cancellationToken),
                CreatedAt = now, CreatedBy = DemoData.AdminUserName,
            });
            added++;
        }

        return added;
    }

    // A complaint waiting for the head of quality (3002), with the notification the desk would have written.
    private async Task<int> SeedFeedbackAsync(Dictionary<string, Department> departments, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var added = 0;
        foreach (var (clientName, kind, category, department, text) in DemoData.Feedback)
        {
            var clientId = await db.Clients.Where(c => c.Name == clientName).Select(c => c.Id).FirstAsync(cancellationToken);
            if (await db.Feedback.AnyAsync(f => f.ClientId == clientId && f.Text == text, cancellationToken))
            {
                continue;
            }

            var item = new FeedbackItem
            {
                Id = NewId(), ClientId = clientId, Kind = kind, Category = category, Text = text, DepartmentId = departments[department].Id,
                CreatedBy = "1001", CreatedAt = now,
            };
            db.Feedback.Add(item);
            db.Notifications.Add(new Notification
            {
                Id = NewId(), CreatedAt = now, Kind = Notifications.NotificationKinds.Feedback, Text = $"{kind} ({category}) from {clientName}: {text}",
                DepartmentId = item.DepartmentId, SubjectType = "feedback", SubjectId = item.Id,
            });
            added++;
        }

        return added;
    }

    private void AddUser(string userName, string password, List<string> roles, Guid? staffId, DateTimeOffset now)
    {
        var user = new User { Id = NewId(), UserName = userName, PasswordHash = "", Roles = roles, StaffId = staffId, CreatedAt = now };
        user.PasswordHash = hasher.HashPassword(user, password);
        db.Users.Add(user);
    }

    private Guid NewId() => Guid.CreateVersion7(time.GetUtcNow());

    [LoggerMessage(Level = LogLevel.Information, Message = "Demo data seeded: {Added} rows added")]
    private static partial void LogSeeded(ILogger logger, int added);
}
