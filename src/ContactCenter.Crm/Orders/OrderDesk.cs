using System.Globalization;
using ContactCenter.Contracts.Orders;
using ContactCenter.Crm.Model;
using ContactCenter.Crm.Notifications;
using ContactCenter.Crm.Outbox;
using ContactCenter.Crm.Persistence;
using ContactCenter.Crm.Promotions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace ContactCenter.Crm.Orders;

/// <summary>
/// Takes orders (DOMAIN "Taking an order"): drafts, lines at the client's price, delivery terms, the upsell answer,
/// and acceptance after the debt check. Each change to an order runs in one transaction holding the order's row lock,
/// so that concurrent edits and double accepts serialise.
/// </summary>
public sealed class OrderDesk(
    CrmDbContext db,
    OrderReader reader,
    OrderWork work,
    DebtStatusCalculator debts,
    CreditCheck credit,
    Outbox.Outbox outbox,
    OutboxSignal outboxSignal,
    Audit audit,
    Notifier notifier,
    IOptions<OrderFollowOptions> follow,
    CrmMetrics metrics,
    TimeProvider time)
{
    /// <summary>
    /// Starts a draft for the client. Asking again for the same call while its draft is open returns that draft,
    /// so a repeated screen-pop or a retried request does not leave stray drafts.
    /// </summary>
    public async Task<DeskResult<OrderDraft>> CreateAsync(CreateOrderRequest request, string userName,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var client = request.ClientId is null
            ? null
            : await db.Clients.AsNoTracking().SingleOrDefaultAsync(c => c.Id == request.ClientId, cancellationToken);
        if (client is null)
        {
            return DeskError.Invalid("clientId", request.ClientId is null ? "Give the client." : $"There is no client {request.ClientId}.");
        }

        if (request.CallId is not null)
        {
            var open = await db.Orders.AsNoTracking().Where(o => o.CallId == request.CallId && o.ClientId == client.Id && o.Status == OrderStatus.Draft)
                .Select(o => o.Id).FirstOrDefaultAsync(cancellationToken);
            if (open != Guid.Empty)
            {
                return new OrderDraft((await reader.GetAsync(open, cancellationToken))!, IsNew: false);
            }
        }

        var now = time.GetUtcNow();
        var order = new Order
        {
            Id = Guid.CreateVersion7(now), ClientId = client.Id, CallId = request.CallId, CreatedAt = now,
            TakenByStaffId = await db.Users.Where(u => u.UserName == userName).Select(u => u.StaffId).FirstOrDefaultAsync(cancellationToken),
        };
        db.Orders.Add(order);
        audit.Record(userName, "create", "order", order.Id.ToString(), $"client={client.Id}");
        await db.SaveChangesAsync(cancellationToken);
        return new OrderDraft((await reader.GetAsync(order.Id, cancellationToken))!, IsNew: true);
    }

    /// <summary>Replaces the lines of a draft; each is priced from the client's column of the price list in force.</summary>
    public Task<DeskResult<OrderDto>> ReplaceLinesAsync(Guid id, ReplaceLinesRequest request,
        string userName, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        return EditDraftAsync(id, userName, async order =>
        {
            if (request.Lines is null)
            {
                return new() { ["lines"] = ["Give the list of lines (an empty list clears the order)."] };
            }

            var catalog = await work.CatalogAsync(order, request.Lines.Select(l => l.ProductId), cancellationToken);
            var errors = new Dictionary<string, string[]>();
            var seen = new HashSet<Guid>();
            for (var i = 0; i < request.Lines.Count; i++)
            {
                var line = request.Lines[i];
                AddError(errors, $"lines[{i}].productId", catalog.ProductError(line.ProductId) ?? Twice(line.ProductId, seen, catalog));
                AddError(errors, $"lines[{i}].quantity", OrderRules.QuantityError(line.Quantity));
            }

            if (errors.Count > 0)
            {
                return errors;
            }

            order.Lines.Clear();
            foreach (var line in request.Lines)
            {
                work.AddLine(order, line.ProductId!.Value, line.Quantity!.Value, catalog);
            }

            await work.ApplyPromotionsAsync(order, cancellationToken);
            return null;
        }, order => $"lines={order.Lines.Count};total={Money(order.Total)}", cancellationToken);
    }

    /// <summary>Sets what was agreed about delivery, replacing what was there.</summary>
    public Task<DeskResult<OrderDto>> SetDeliveryAsync(Guid id, DeliveryTerms request,
        string userName, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        return EditDraftAsync(id, userName, order =>
        {
            var errors = OrderRules.DeliveryErrors(request, debts.Today);
            if (errors.Count > 0)
            {
                return Task.FromResult<Dictionary<string, string[]>?>(errors);
            }

            order.DeliveryDate = request.DeliveryDate;
            order.DeliveryWindow = OrderRules.Clean(request.DeliveryWindow);
            order.ReceiverName = OrderRules.Clean(request.ReceiverName);
            order.PayerName = OrderRules.Clean(request.PayerName);
            order.SignerName = OrderRules.Clean(request.SignerName);
            order.PaymentForm = OrderRules.Clean(request.PaymentForm);
            order.PickupArrivalAt = request.PickupArrivalAt;
            order.ShippingDetails = OrderRules.Clean(request.ShippingDetails);
            return Task.FromResult<Dictionary<string, string[]>?>(null);
        }, order => $"delivery={order.DeliveryDate:yyyy-MM-dd}", cancellationToken);
    }

    /// <summary>
    /// Records the 3 or 4 products offered beyond the order and the client's answers; accepted ones become lines.
    /// Recording again replaces the previous answer and the lines it added.
    /// </summary>
    public Task<DeskResult<OrderDto>> RecordUpsellAsync(Guid id, UpsellRequest request,
        string userName, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        return EditDraftAsync(id, userName, async order =>
        {
            if (request.Offers is not { Count: >= UpsellPicker.MinOffers and <= UpsellPicker.MaxSuggestions })
            {
                return new() { ["offers"] = ["Offer 3 or 4 products beyond those ordered and record the client's answer to each."] };
            }

            var previouslyAdded = order.UpsellOffers.Where(u => u.Accepted).Select(u => u.ProductId).ToHashSet();
            var ordered = order.Lines.Where(l => !l.IsBonus && !previouslyAdded.Contains(l.ProductId)).Select(l => l.ProductId).ToHashSet();
            var catalog = await work.CatalogAsync(order, request.Offers.Select(o => o.ProductId), cancellationToken);
            var errors = new Dictionary<string, string[]>();
            var seen = new HashSet<Guid>();
            for (var i = 0; i < request.Offers.Count; i++)
            {
                var offer = request.Offers[i];
                AddError(errors, $"offers[{i}].productId", catalog.ProductError(offer.ProductId)
                    ?? (ordered.Contains(offer.ProductId!.Value) ? $"{catalog.Sku(offer.ProductId)} is already on the order: offer something else." : null)
                    ?? Twice(offer.ProductId, seen, catalog));
                AddError(errors, $"offers[{i}].accepted", offer.Accepted is null ? "Record the client's answer: true or false." : null);
                AddError(errors, $"offers[{i}].quantity", offer.Accepted == true ? OrderRules.QuantityError(offer.Quantity ?? 1) : null);
            }

            if (errors.Count > 0)
            {
                return errors;
            }

            order.Lines.RemoveAll(l => !l.IsBonus && previouslyAdded.Contains(l.ProductId));
            order.UpsellOffers.RemoveAll(u => request.Offers.All(o => o.ProductId != u.ProductId));
            foreach (var answer in request.Offers)
            {
                var offer = order.UpsellOffers.Find(u => u.ProductId == answer.ProductId);
                if (offer is null)
                {
                    offer = new UpsellOffer { Id = Guid.CreateVersion7(time.GetUtcNow()), OrderId = order.Id, ProductId = answer.ProductId!.Value };
                    order.UpsellOffers.Add(offer);
                    work.MarkAdded(offer);
                }

                offer.Accepted = answer.Accepted!.Value;
                if (offer.Accepted)
                {
                    work.AddLine(order, offer.ProductId, answer.Quantity ?? 1, catalog);
                }
            }

            await work.ApplyPromotionsAsync(order, cancellationToken);
            return null;
        }, order => $"offered={order.UpsellOffers.Count};accepted={order.UpsellOffers.Count(u => u.Accepted)}", cancellationToken);
    }

    /// <summary>
    /// Records the promotions offered during the call (in force today, for the client's type) and the client's answers,
    /// replacing earlier ones; the lines are repriced with those taken (discount, bonus item).
    /// </summary>
    public Task<DeskResult<OrderDto>> RecordPromotionsAsync(Guid id, PromotionAnswersRequest request, string userName,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        return EditDraftAsync(id, userName, async order =>
        {
            if (request.Offers is null)
            {
                return new() { ["offers"] = ["Give the promotions offered and the client's answer to each (an empty list clears them)."] };
            }

            var ids = request.Offers.Select(o => o.PromotionId).OfType<Guid>().Distinct().ToList();
            var known = await db.Promotions.AsNoTracking().Include(p => p.ClientTypes).Where(p => ids.Contains(p.Id))
                .ToDictionaryAsync(p => p.Id, cancellationToken);
            var errors = new Dictionary<string, string[]>();
            var seen = new HashSet<Guid>();
            for (var i = 0; i < request.Offers.Count; i++)
            {
                var offer = request.Offers[i];
                AddError(errors, $"offers[{i}].promotionId", offer.PromotionId switch
                {
                    null => "Give the promotion.",
                    { } pid when !known.ContainsKey(pid) => $"There is no promotion {pid}.",
                    { } pid when !PromotionRules.InForce(known[pid], debts.Today) => $"{known[pid].Name} is not in force today.",
                    { } pid when !PromotionRules.OfferedTo(known[pid], order.Client!.ClientTypeId) => $"{known[pid].Name} is not for {order.Client!.ClientType!.Name} clients.",
                    { } pid when !seen.Add(pid) => $"{known[pid].Name} is given twice.",
                    _ => null,
                });
                AddError(errors, $"offers[{i}].accepted", offer.Accepted is null ? "Record the client's answer: true or false." : null);
            }

            if (errors.Count > 0)
            {
                return errors;
            }

            order.Promotions.RemoveAll(p => !seen.Contains(p.PromotionId));
            foreach (var answer in request.Offers)
            {
                var offered = order.Promotions.Find(p => p.PromotionId == answer.PromotionId);
                if (offered is null)
                {
                    offered = new OrderPromotion { Id = Guid.CreateVersion7(time.GetUtcNow()), OrderId = order.Id, PromotionId = answer.PromotionId!.Value };
                    order.Promotions.Add(offered);
                    work.MarkAdded(offered);
                }

                offered.Accepted = answer.Accepted!.Value;
            }

            await work.ApplyPromotionsAsync(order, cancellationToken);
            return null;
        }, order => $"promotions offered={order.Promotions.Count};accepted={order.Promotions.Count(p => p.Accepted)};total={Money(order.Total)}", cancellationToken);
    }

    /// <summary>
    /// Accepts the order: refused (409) while the client's debt blocks orders; refused (400, naming each field)
    /// while lines, the upsell answer, delivery date, receiver or, for regional clients, payment form and pickup
    /// or shipping are missing; refused (409, with the headroom and whom to transfer to) when receivables, open orders
    /// and this order together exceed the credit limit. On success the client's last order date is set, and <see cref="OrderAccepted"/> and the
    /// notifications of the client's manager and the following departments are written to the outbox in the same
    /// transaction. Accepting an accepted order returns it unchanged.
    /// </summary>
    public async Task<DeskResult<OrderDto>> AcceptAsync(Guid id, string userName,
        CancellationToken cancellationToken)
    {
        var (result, acceptedNow) = await work.LockedAsync<(DeskResult<OrderDto>, OrderDto?)>(id, async order =>
        {
            if (order is null)
            {
                return (DeskError.NotFound(), null);
            }

            if (order.Status == OrderStatus.Accepted)
            {
                return (await reader.ToDtoAsync(order, cancellationToken), null);
            }

            if (order.Status != OrderStatus.Draft)
            {
                return (NotEditable(order), null);
            }

            var client = order.Client!;
            var receivables = await db.Receivables.AsNoTracking().Where(r => r.ClientId == client.Id).ToListAsync(cancellationToken);
            var manager = await db.Staff.AsNoTracking().Where(s => s.Id == client.AssignedManagerId).Select(s => s.Extension)
                .FirstOrDefaultAsync(cancellationToken);
            var debt = debts.Calculate(client.CreditLimit, receivables);
            if (debt.OrdersBlocked)
            {
                metrics.OrderRefused("debt");
                return (DeskError.Conflict(debt.BlockedMessage(manager), "Orders are not accepted from this client"), null);
            }

            var errors = OrderRules.AcceptanceErrors(order, client.ClientType!.Code == OrderRules.RegionalTypeCode, debts.Today);
            if (errors.Count > 0)
            {
                metrics.OrderRefused("incomplete");
                return (DeskError.Invalid(errors, "The order cannot be accepted yet"), null);
            }

            var openOrders = await credit.OpenOrdersAsync(client.Id, order.Id, cancellationToken);
            if (CreditCheck.Refusal(debt, openOrders, order.Total, manager) is { } overLimit)
            {
                metrics.OrderRefused("credit-limit");
                return (DeskError.Conflict(overLimit, "Over the credit limit", new Dictionary<string, object?>
                {
                    ["headroom"] = CreditCheck.Headroom(debt, openOrders),
                    ["transferTo"] = manager ?? "finance",
                }), null);
            }

            var now = time.GetUtcNow();
            order.Status = OrderStatus.Accepted;
            order.AcceptedAt = now;
            client.LastOrderAt = now;
            client.Status = ClientStatus.Active;
            outbox.Enqueue(new OrderAccepted(Guid.CreateVersion7(now), order.Id, client.Id, order.CallId, userName, now,
                order.Lines.Count, order.Total, manager, order.Number, client.Name));
            await NotifyFollowersAsync(order, client, userName, cancellationToken);
            audit.Record(userName, "accept", "order", order.Id.ToString(),
                $"number={order.Number};lines={order.Lines.Count};total={Money(order.Total)}");
            await db.SaveChangesAsync(cancellationToken);
            var accepted = await reader.ToDtoAsync(order, cancellationToken);
            return (accepted, accepted);
        }, cancellationToken);

        if (acceptedNow is not null)
        {
            outboxSignal.Notify();
            metrics.OrderAccepted(acceptedNow.UpsellOffers.Count, acceptedNow.UpsellOffers.Count(o => o.Accepted));
            metrics.PromotionsOffered(acceptedNow.Promotions.Count, acceptedNow.Promotions.Count(p => p.Accepted));
        }

        return result;
    }

    // DOMAIN: pass every accepted order at once to the managers who follow execution.
    private async Task NotifyFollowersAsync(Order order, Client client, string userName, CancellationToken cancellationToken)
    {
        var text = $"Order {order.Number} from {client.Name} accepted by {userName}: {order.Lines.Count} lines, {Money(order.Total)}, "
            + $"delivery {order.DeliveryDate:yyyy-MM-dd}{(order.DeliveryWindow is null ? "" : " " + order.DeliveryWindow)}.";
        if (client.AssignedManagerId is { } managerId)
        {
            await notifier.ToStaffAsync(managerId, NotificationKinds.OrderAccepted, text, "order", order.Id, cancellationToken);
        }

        var codes = follow.Value.FollowingDepartments;
        foreach (var department in await db.Departments.AsNoTracking().Where(d => codes.Contains(d.Code)).Select(d => d.Id).ToListAsync(cancellationToken))
        {
            await notifier.ToDepartmentAsync(department, NotificationKinds.OrderAccepted, text, "order", order.Id, cancellationToken);
        }
    }

    private Task<DeskResult<OrderDto>> EditDraftAsync(Guid id, string userName,
        Func<Order, Task<Dictionary<string, string[]>?>> edit, Func<Order, string> details, CancellationToken cancellationToken) =>
        work.LockedAsync<DeskResult<OrderDto>>(id, async order =>
        {
            if (order is null)
            {
                return DeskError.NotFound();
            }

            if (order.Status != OrderStatus.Draft)
            {
                return NotEditable(order);
            }

            var errors = await edit(order);
            if (errors is not null)
            {
                return DeskError.Invalid(errors);
            }

            audit.Record(userName, "update", "order", order.Id.ToString(), details(order));
            await db.SaveChangesAsync(cancellationToken);
            return await reader.ToDtoAsync(order, cancellationToken);
        }, cancellationToken);

    internal static DeskError NotEditable(Order order) =>
        DeskError.Conflict($"Order {order.Number} is {order.Status.ToString().ToLowerInvariant()}: it can no longer be changed.", "The order is closed");

    private static string? Twice(Guid? productId, HashSet<Guid> seen, OrderCatalog catalog) =>
        productId is { } id && !seen.Add(id) ? $"{catalog.Sku(id)} is given twice: one line per product." : null;

    private static void AddError(Dictionary<string, string[]> errors, string field, string? error)
    {
        if (error is not null)
        {
            errors[field] = [error];
        }
    }

    private static string Money(decimal amount) => amount.ToString("0.00", CultureInfo.InvariantCulture);
}
