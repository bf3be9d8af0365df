using System.Text.RegularExpressions;
using ContactCenter.Contracts.Orders;
using ContactCenter.Crm.Model;
using ContactCenter.Crm.Persistence;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace ContactCenter.Crm.Dispatch;

/// <summary>
/// Puts an accepted order with a delivery date and window on the dispatcher's list: a delivery to the order's receiver
/// (else the client) at the client's numbers. Once per order however often the event arrives (the order is locked for the
/// check); an order without a delivery date or window (collected by the client) makes none.
/// </summary>
internal sealed partial class DeliveryFromOrderConsumer(CrmDbContext db, TimeProvider time, ILogger<DeliveryFromOrderConsumer> logger)
    : IConsumer<OrderAccepted>
{
    /// <summary>Who the deliveries made from orders are recorded as created by.</summary>
    public const string CreatedBy = "orders";

    private const int MaxPhones = 5;

    public async Task Consume(ConsumeContext<OrderAccepted> context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var cancellationToken = context.CancellationToken;
        var order = await db.Orders.AsNoTracking().Where(o => o.Id == context.Message.OrderId)
            .Select(o => new { o.Id, o.Number, o.ClientId, o.DeliveryDate, o.DeliveryWindow, o.ReceiverName, Client = o.Client!.Name })
            .FirstOrDefaultAsync(cancellationToken);
        if (order is not { DeliveryDate: { } date, DeliveryWindow: { } window } || !WindowPattern().IsMatch(window.Trim()))
        {
            LogNoDelivery(logger, context.Message.OrderId);
            return;
        }

        var phones = await db.ClientPhones.AsNoTracking().Where(p => p.ClientId == order.ClientId).OrderBy(p => p.E164).Select(p => p.E164)
            .Take(MaxPhones).ToListAsync(cancellationToken);
        var strategy = db.Database.CreateExecutionStrategy();
        await strategy.ExecuteAsync(async () =>
        {
            db.ChangeTracker.Clear();
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock(hashtextextended({order.Id.ToString()}, 0))", cancellationToken);
            if (await db.Deliveries.AnyAsync(d => d.OrderId == order.Id, cancellationToken))
            {
                return;
            }

            var now = time.GetUtcNow();
            db.Deliveries.Add(new Delivery
            {
                Id = Guid.CreateVersion7(now), OrderId = order.Id, ClientId = order.ClientId,
                ConsigneeName = string.IsNullOrWhiteSpace(order.ReceiverName) ? order.Client : order.ReceiverName.Trim(), Phones = phones,
                PlannedDate = date, Window = window.Trim(), CreatedAt = now, CreatedBy = CreatedBy,
            });
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            LogCreated(logger, order.Number, date);
        });
    }

    [GeneratedRegex(@"^\d{2}:\d{2}-\d{2}:\d{2}$")]
    private static partial Regex WindowPattern();

    [LoggerMessage(Level = LogLevel.Information, Message = "Delivery of order {OrderNumber} on {PlannedDate:yyyy-MM-dd} put on the dispatch list")]
    private static partial void LogCreated(ILogger logger, long orderNumber, DateOnly plannedDate);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Order {OrderId} has no delivery date and window (or is unknown): no delivery")]
    private static partial void LogNoDelivery(ILogger logger, Guid orderId);
}
