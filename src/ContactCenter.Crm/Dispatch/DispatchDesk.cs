using System.Globalization;
using System.Security.Claims;
using System.Text.RegularExpressions;
using ContactCenter.Crm.Dialing;
using ContactCenter.Crm.Model;
using ContactCenter.Crm.Outbound;
using ContactCenter.Crm.Persistence;
using ContactCenter.Crm.Users;
using ContactCenter.PhoneNumbers;
using Microsoft.EntityFrameworkCore;

namespace ContactCenter.Crm.Dispatch;

/// <summary>
/// Dispatch (DOMAIN "Dispatch"): deliveries with the consignee's numbers and planned arrival; the dispatcher lists
/// the day's deliveries, phones the consignee through the call engine and records the outcome.
/// </summary>
internal sealed partial class DispatchDesk(CrmDbContext db, PhoneNumberNormalizer numbers, DoNotCallList doNotCall, IOutboundDialer dialer,
    Audit audit, TimeProvider time)
{
    /// <summary>The purpose on the call record of a notification call.</summary>
    public const string Purpose = "dispatch";

    /// <summary>How long a placed notification call counts as under way when nobody recorded its outcome.</summary>
    public static readonly TimeSpan CallUnderWayFor = TimeSpan.FromMinutes(10);

    /// <summary>The outcomes a dispatcher records.</summary>
    public static readonly DeliveryStatus[] Outcomes = [DeliveryStatus.Notified, DeliveryStatus.NoAnswer, DeliveryStatus.Rescheduled, DeliveryStatus.Refused];

    public DateOnly Today => DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);

    public async Task<DeskResult<DeliveryDto>> CreateAsync(CreateDeliveryRequest request, ClaimsPrincipal user,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var errors = new Dictionary<string, string[]>();
        var name = request.ConsigneeName?.Trim();
        if (string.IsNullOrEmpty(name) || name.Length > 200)
        {
            errors["consigneeName"] = ["Give the consignee's name (1 to 200 characters)."];
        }

        var phones = new List<string>();
        if (request.Phones is not { Count: > 0 and <= 5 })
        {
            errors["phones"] = ["Give 1 to 5 phone numbers of the consignee."];
        }
        else
        {
            for (var i = 0; i < request.Phones.Count; i++)
            {
                if (!numbers.TryNormalize(request.Phones[i], out var e164))
                {
                    errors[$"phones[{i}]"] = [$"'{request.Phones[i]}' is not a phone number (expected e.g. +7 495 100-00-01 or 84951000001)."];
                }
                else if (!phones.Contains(e164))
                {
                    phones.Add(e164);
                }
            }
        }

        CheckArrival(request.PlannedDate, request.Window, "plannedDate", "window", errors);
        Guid? clientId = null;
        if (request.OrderId is { } orderId)
        {
            var order = await db.Orders.AsNoTracking().Where(o => o.Id == orderId).Select(o => new { o.ClientId }).FirstOrDefaultAsync(cancellationToken);
            if (order is null)
            {
                errors["orderId"] = [$"There is no order {orderId}."];
            }

            clientId = order?.ClientId;
        }

        if (errors.Count > 0)
        {
            return DeskError.Invalid(errors);
        }

        clientId ??= await db.ClientPhones.AsNoTracking().Where(p => p.E164 == phones[0]).Select(p => (Guid?)p.ClientId).FirstOrDefaultAsync(cancellationToken);
        var now = time.GetUtcNow();
        var delivery = new Delivery
        {
            Id = Guid.CreateVersion7(now), OrderId = request.OrderId, ClientId = clientId, ConsigneeName = name!, Phones = phones,
            PlannedDate = request.PlannedDate!.Value, Window = request.Window!.Trim(), CreatedAt = now, CreatedBy = StaffLookup.UserName(user),
        };
        db.Deliveries.Add(delivery);
        audit.Record(StaffLookup.UserName(user), "create", "delivery", delivery.Id.ToString(), $"date={delivery.PlannedDate:yyyy-MM-dd};window={delivery.Window}");
        await db.SaveChangesAsync(cancellationToken);
        return (await GetAsync(delivery.Id, cancellationToken))!;
    }

    /// <summary>The deliveries planned for <paramref name="date"/> (today by default), by window.</summary>
    public Task<List<DeliveryDto>> ListAsync(DateOnly? date, CancellationToken cancellationToken)
    {
        var day = date ?? Today;
        return Dtos(db.Deliveries.Where(d => d.PlannedDate == day).OrderBy(d => d.Window).ThenBy(d => d.ConsigneeName)).ToListAsync(cancellationToken);
    }

    public Task<DeliveryDto?> GetAsync(Guid id, CancellationToken cancellationToken) =>
        Dtos(db.Deliveries.Where(d => d.Id == id)).FirstOrDefaultAsync(cancellationToken);

    private IQueryable<DeliveryDto> Dtos(IQueryable<Delivery> deliveries) =>
        deliveries.AsNoTracking().Select(d => new DeliveryDto(d.Id, d.OrderId, db.Orders.Where(o => o.Id == d.OrderId).Select(o => (long?)o.Number).FirstOrDefault(),
            d.ClientId, d.ConsigneeName, d.Phones, d.PlannedDate, d.Window, d.Status.ToString(), d.Attempts, d.LastAttemptAt, d.LastCallId,
            d.OutcomeNotes, d.OutcomeAt, d.OutcomeBy));

    /// <summary>Phones the consignee (number <paramref name="phone"/>, 1-based, default the first) from <paramref name="agentExtension"/>'s phone.</summary>
    public async Task<DeskResult<DeliveryCallDto>> NotifyAsync(Guid id, int? phone,
        string agentExtension, string userName, CancellationToken cancellationToken) =>
        (await NotifyCoreAsync(id, phone, agentExtension, userName, cancellationToken)).Result;

    /// <summary>As <see cref="NotifyAsync"/>, with the placed call's outcome for the schedule to follow.</summary>
    internal async Task<(DeskResult<DeliveryCallDto> Result, Task<DialOutcome>? Outcome)> NotifyCoreAsync(
        Guid id, int? phone, string agentExtension, string userName, CancellationToken cancellationToken)
    {
        var delivery = await db.Deliveries.SingleOrDefaultAsync(d => d.Id == id, cancellationToken);
        if (delivery is null)
        {
            return (DeskError.NotFound(), null);
        }

        if (phone is { } index && (index < 1 || index > delivery.Phones.Count))
        {
            return (DeskError.Invalid("phone", $"Give a number from 1 to {delivery.Phones.Count}."), null);
        }

        if (delivery.Status is DeliveryStatus.Refused)
        {
            return (DeskError.Conflict("The consignee refused the delivery: there is nothing to notify."), null);
        }

        var now = time.GetUtcNow();
        if (delivery.Status is DeliveryStatus.Calling && delivery.LastAttemptAt > now - CallUnderWayFor)
        {
            return (DeskError.Conflict(
                $"A notification call for this delivery was placed at {delivery.LastAttemptAt:HH:mm:ss} UTC: record its outcome before calling again."), null);
        }

        var number = delivery.Phones[(phone ?? 1) - 1];
        if (await doNotCall.BlockedClientAsync(number, delivery.ClientId, cancellationToken) is { } blocked)
        {
            return (DeskError.Conflict($"{blocked} asked not to be called (do-not-call).", DoNotCallList.ProblemTitle), null);
        }

        // Claim the attempt in the database before ringing anyone: of two requests racing for one delivery (the dispatcher
        // and the schedule, a double submit) only the one whose update still finds the delivery as both read it places a call.
        var (attempts, status, lastAttempt) = (delivery.Attempts, delivery.Status, delivery.LastAttemptAt);
        var claimed = await db.Deliveries
            .Where(d => d.Id == id && d.Attempts == attempts && d.Status == status)
            .ExecuteUpdateAsync(set => set.SetProperty(d => d.Attempts, attempts + 1).SetProperty(d => d.Status, DeliveryStatus.Calling)
                .SetProperty(d => d.LastAttemptAt, now), cancellationToken);
        if (claimed == 0)
        {
            return (DeskError.Conflict("A notification call for this delivery is being placed already (the schedule or a second request)."), null);
        }

        var attempt = dialer.Dial(agentExtension, number, Purpose);
        if (attempt.CallId is not { } callId)
        {
            // Nothing rang: the delivery goes back as it was.
            await db.Deliveries.Where(d => d.Id == id && d.Attempts == attempts + 1)
                .ExecuteUpdateAsync(set => set.SetProperty(d => d.Attempts, attempts).SetProperty(d => d.Status, status)
                    .SetProperty(d => d.LastAttemptAt, lastAttempt), CancellationToken.None);
            return (DeskError.Conflict($"The call cannot be placed: {attempt.Refusal}."), null);
        }

        delivery.Status = DeliveryStatus.Calling;
        delivery.Attempts = attempts + 1;
        delivery.LastAttemptAt = now;
        delivery.LastCallId = callId;
        audit.Record(userName, "dial", "delivery", delivery.Id.ToString(), $"call={callId};attempt={delivery.Attempts}");
        await db.SaveChangesAsync(CancellationToken.None); // the phone rings already: a client gone away must not lose the attempt
        return (new DeliveryCallDto(id, callId, agentExtension, number, delivery.Attempts), attempt.Outcome);
    }

    /// <summary>Records how the notification went; rescheduled moves the planned date and window.</summary>
    public async Task<DeskResult<DeliveryDto>> RecordOutcomeAsync(Guid id, DeliveryOutcomeRequest request,
        string userName, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var delivery = await db.Deliveries.SingleOrDefaultAsync(d => d.Id == id, cancellationToken);
        if (delivery is null)
        {
            return DeskError.NotFound();
        }

        var errors = new Dictionary<string, string[]>();
        if (!KebabNames.TryParse<DeliveryStatus>(request.Outcome, out var outcome) || !Outcomes.Contains(outcome))
        {
            errors["outcome"] = [$"Give one of: {string.Join(", ", Outcomes.Select(KebabNames.Of))}."];
        }
        else if (outcome == DeliveryStatus.Rescheduled)
        {
            CheckArrival(request.NewDate, request.NewWindow, "newDate", "newWindow", errors);
        }

        if (request.Notes is { Length: > 4000 })
        {
            errors["notes"] = ["Notes are at most 4000 characters."];
        }

        if (errors.Count > 0)
        {
            return DeskError.Invalid(errors);
        }

        if (delivery.Attempts == 0)
        {
            return DeskError.Conflict("Place the notification call first: an outcome belongs to a call.");
        }

        Settle(delivery, outcome, string.IsNullOrWhiteSpace(request.Notes) ? null : request.Notes.Trim(), userName);
        var details = $"outcome={KebabNames.Of(outcome)}";
        if (outcome == DeliveryStatus.Rescheduled)
        {
            (delivery.PlannedDate, delivery.Window) = (request.NewDate!.Value, request.NewWindow!.Trim());
            details += $";date={delivery.PlannedDate:yyyy-MM-dd};window={delivery.Window}";
        }

        audit.Record(userName, "outcome", "delivery", delivery.Id.ToString(), details);
        await db.SaveChangesAsync(cancellationToken);
        return (await GetAsync(id, cancellationToken))!;
    }

    internal void Settle(Delivery delivery, DeliveryStatus outcome, string? notes, string userName)
    {
        delivery.Status = outcome;
        delivery.OutcomeNotes = notes;
        delivery.OutcomeAt = time.GetUtcNow();
        delivery.OutcomeBy = userName;
    }

    private void CheckArrival(DateOnly? date, string? window, string dateField, string windowField, Dictionary<string, string[]> errors)
    {
        if (date is not { } day)
        {
            errors[dateField] = ["Give the arrival date (yyyy-MM-dd)."];
        }
        else if (day < Today)
        {
            errors[dateField] = [$"The arrival date {day:yyyy-MM-dd} is in the past."];
        }

        var match = window is null ? null : WindowPattern().Match(window.Trim());
        if (match is not { Success: true }
            || !TimeOnly.TryParseExact(match.Groups[1].Value, "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var from)
            || !TimeOnly.TryParseExact(match.Groups[2].Value, "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var to)
            || to <= from)
        {
            errors[windowField] = ["Give the arrival window as HH:mm-HH:mm, e.g. 09:00-12:00."];
        }
    }

    [GeneratedRegex(@"^(\d{2}:\d{2})-(\d{2}:\d{2})$")]
    private static partial Regex WindowPattern();
}
