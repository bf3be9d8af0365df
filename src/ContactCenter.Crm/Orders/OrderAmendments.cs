using System.Globalization;
using ContactCenter.Contracts.Orders;
using ContactCenter.Crm.Model;
using ContactCenter.Crm.Outbox;
using ContactCenter.Crm.Persistence;
using Microsoft.EntityFrameworkCore;

namespace ContactCenter.Crm.Orders;

/// <summary>
/// Correcting and cancelling an order after the call (issue #18): by its author, the client's manager, the author's head
/// or an admin (<see cref="OrderEditRights"/>), always with a reason, audited, and announced on the bus
/// (<see cref="OrderCorrected"/>, <see cref="OrderCancelled"/>) through the outbox in the same transaction. An order whose
/// delivery day has passed is invoiced: it is corrected in the accounting system, not here.
/// </summary>
public sealed class OrderAmendments(CrmDbContext db, OrderReader reader, OrderWork work, DebtStatusCalculator debts, CreditCheck credit,
    Outbox.Outbox outbox, OutboxSignal signal, Audit audit, TimeProvider time)
{
    public const int MaxReason = 500;

    /// <summary>
    /// Replaces an accepted order's lines: products already on it keep their price, new ones are priced from the client's
    /// column today; the new total must fit the credit limit (409 with the headroom otherwise).
    /// </summary>
    public async Task<DeskResult<OrderDto>> CorrectAsync(Guid id, CorrectOrderRequest request, string userName, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var result = await work.LockedAsync<DeskResult<OrderDto>>(id, async order =>
        {
            if (Closed(order, OrderStatus.Accepted) is { } refusal)
            {
                return refusal;
            }

            var errors = ReasonErrors(request.Reason);
            if (request.Lines is not { Count: > 0 })
            {
                errors["lines"] = ["Give the corrected lines (to take everything back, cancel the order)."];
            }

            var catalog = await work.CatalogAsync(order!, (request.Lines ?? []).Select(l => l.ProductId), cancellationToken);
            // The client's price each line was taken at (before promotions, re-applied below); bonus items follow the lines.
            var kept = order!.Lines.Where(l => !l.IsBonus).ToDictionary(l => l.ProductId, l => l.ListPrice);
            var seen = new HashSet<Guid>();
            for (var i = 0; i < (request.Lines?.Count ?? 0); i++)
            {
                var line = request.Lines![i];
                var productError = line.ProductId is { } known && kept.ContainsKey(known) ? null : catalog.ProductError(line.ProductId);
                productError ??= line.ProductId is { } pid && !seen.Add(pid) ? $"{catalog.Sku(pid)} is given twice: one line per product." : null;
                Add(errors, $"lines[{i}].productId", productError);
                Add(errors, $"lines[{i}].quantity", OrderRules.QuantityError(line.Quantity));
            }

            if (errors.Count > 0)
            {
                return DeskError.Invalid(errors, "The order cannot be corrected");
            }

            var client = order.Client!;
            var previous = order.Total;
            var accepted = order.UpsellOffers.Where(u => u.Accepted).Select(u => u.ProductId).ToHashSet();
            order.Lines.Clear();
            foreach (var line in request.Lines!)
            {
                var productId = line.ProductId!.Value;
                work.AddLine(order, productId, line.Quantity!.Value, catalog, kept.TryGetValue(productId, out var price) ? price : null);
            }

            // An upsell product taken out of the order is no longer counted as accepted.
            foreach (var offer in order.UpsellOffers.Where(u => accepted.Contains(u.ProductId) && order.Lines.TrueForAll(l => l.ProductId != u.ProductId)))
            {
                offer.Accepted = false;
            }

            await work.ApplyPromotionsAsync(order, cancellationToken);

            // Refused changes are never saved: the context is cleared before the next change.
            var receivables = await db.Receivables.AsNoTracking().Where(r => r.ClientId == client.Id).ToListAsync(cancellationToken);
            var debt = debts.Calculate(client.CreditLimit, receivables);
            var openOrders = await credit.OpenOrdersAsync(client.Id, order.Id, cancellationToken);
            if (order.Total > previous && CreditCheck.Refusal(debt, openOrders, order.Total, null) is { } overLimit)
            {
                return DeskError.Conflict(overLimit, "Over the credit limit",
                    new Dictionary<string, object?> { ["headroom"] = CreditCheck.Headroom(debt, openOrders) });
            }

            var now = time.GetUtcNow();
            var reason = request.Reason!.Trim();
            outbox.Enqueue(new OrderCorrected(Guid.CreateVersion7(now), order.Id, client.Id, order.Number, userName, now, previous, order.Total,
                order.Lines.Count, reason));
            audit.Record(userName, "correct", "order", order.Id.ToString(),
                string.Create(CultureInfo.InvariantCulture, $"number={order.Number};total={previous:0.00}->{order.Total:0.00};lines={order.Lines.Count};reason={reason}"));
            await db.SaveChangesAsync(cancellationToken);
            return await reader.ToDtoAsync(order, cancellationToken);
        }, cancellationToken);
        Signal(result);
        return result;
    }

    /// <summary>Cancels a draft or accepted order; cancelling a cancelled one returns it unchanged.</summary>
    public async Task<DeskResult<OrderDto>> CancelAsync(Guid id, CancelOrderRequest request, string userName, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var result = await work.LockedAsync<DeskResult<OrderDto>>(id, async order =>
        {
            if (order?.Status == OrderStatus.Cancelled)
            {
                return await reader.ToDtoAsync(order, cancellationToken);
            }

            if (Closed(order, OrderStatus.Draft, OrderStatus.Accepted) is { } refusal)
            {
                return refusal;
            }

            var errors = ReasonErrors(request.Reason);
            if (errors.Count > 0)
            {
                return DeskError.Invalid(errors, "The order cannot be cancelled");
            }

            var now = time.GetUtcNow();
            var reason = request.Reason!.Trim();
            var previous = order!.Status;
            order.Status = OrderStatus.Cancelled;
            outbox.Enqueue(new OrderCancelled(Guid.CreateVersion7(now), order.Id, order.ClientId, order.Number, userName, now,
                previous.ToString(), order.Total, reason));
            audit.Record(userName, "cancel", "order", order.Id.ToString(),
                string.Create(CultureInfo.InvariantCulture, $"number={order.Number};was={previous};total={order.Total:0.00};reason={reason}"));
            await db.SaveChangesAsync(cancellationToken);
            return await reader.ToDtoAsync(order, cancellationToken);
        }, cancellationToken);
        Signal(result);
        return result;
    }

    private DeskError? Closed(Order? order, params OrderStatus[] allowed)
    {
        if (order is null)
        {
            return DeskError.NotFound();
        }

        if (!allowed.Contains(order.Status))
        {
            return OrderDesk.NotEditable(order);
        }

        return order.Status == OrderStatus.Accepted && order.DeliveryDate is { } day && day < debts.Today
            ? DeskError.Conflict($"Order {order.Number} was delivered on {day:yyyy-MM-dd} and invoiced: correct it in the accounting system.",
                "The order is invoiced")
            : null;
    }

    private static Dictionary<string, string[]> ReasonErrors(string? reason) =>
        reason?.Trim() is { Length: > 0 and <= MaxReason } text && !text.Any(char.IsControl)
            ? []
            : new() { ["reason"] = [$"Say why (1 to {MaxReason} characters): it goes into the audit and to the people who follow the order."] };

    private static void Add(Dictionary<string, string[]> errors, string field, string? error)
    {
        if (error is not null)
        {
            errors[field] = [error];
        }
    }

    private void Signal(DeskResult<OrderDto> result)
    {
        if (result.Succeeded)
        {
            signal.Notify();
        }
    }
}
