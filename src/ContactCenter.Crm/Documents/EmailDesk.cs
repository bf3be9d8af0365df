using System.Globalization;
using System.Text;
using ContactCenter.Crm.Model;
using ContactCenter.Crm.Orders;
using ContactCenter.Crm.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using MimeKit;

namespace ContactCenter.Crm.Documents;

/// <summary>
/// Queues e-mails to clients (documents chosen during the call, the order confirmation): checked, stored with the call
/// and the client, audited, and handed to <see cref="EmailSender"/>, which keeps trying until the server takes them.
/// </summary>
public sealed class EmailDesk(CrmDbContext db, OrderReader orders, Audit audit, EmailSender sender, IOptions<MailOptions> mail,
    IOptions<DocumentOptions> documents, TimeProvider time)
{
    private const int MaxNote = 2000;

    /// <summary>
    /// Queues the e-mail: 400 naming each bad field (no client, no or bad address, unknown or withdrawn documents, an order
    /// of another client, nothing to send), 409 when e-mail is not configured.
    /// </summary>
    public async Task<DeskResult<EmailDto>> QueueAsync(EmailRequest request, string userName, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!mail.Value.Enabled)
        {
            return DeskError.Conflict("E-mail is not configured: set Crm:Mail:Host (and From, credentials) to send documents.", "E-mail is off");
        }

        var errors = new Dictionary<string, string[]>();
        var client = request.ClientId is null ? null
            : await db.Clients.AsNoTracking().Where(c => c.Id == request.ClientId).Select(c => new { c.Id, c.Name, c.Email }).SingleOrDefaultAsync(cancellationToken);
        if (client is null)
        {
            errors["clientId"] = [request.ClientId is null ? "Give the client." : $"There is no client {request.ClientId}."];
        }

        var to = string.IsNullOrWhiteSpace(request.To) ? client?.Email : request.To.Trim();
        if (client is not null && string.IsNullOrWhiteSpace(to))
        {
            errors["to"] = ["The client has no e-mail address: give one (to) or add it to the client's record."];
        }
        else if (to is not null && !IsAddress(to))
        {
            errors["to"] = [$"'{to}' is not an e-mail address."];
        }

        var ids = (request.DocumentIds ?? []).Distinct().ToList();
        var attached = await db.ReferenceDocuments.AsNoTracking().Where(d => ids.Contains(d.Id) && d.IsActive)
            .Select(d => new { d.Id, d.Title }).ToListAsync(cancellationToken);
        if (attached.Count < ids.Count)
        {
            errors["documentIds"] = [$"Unknown or withdrawn documents: {string.Join(", ", ids.Where(id => attached.TrueForAll(a => a.Id != id)))}."];
        }
        else if (ids.Count > documents.Value.MaxAttachments)
        {
            errors["documentIds"] = [$"At most {documents.Value.MaxAttachments} documents in one e-mail."];
        }

        var order = request.OrderId is { } orderId ? await orders.GetAsync(orderId, cancellationToken) : null;
        if (request.OrderId is not null && (order is null || order.ClientId != client?.Id))
        {
            errors["orderId"] = ["Give an order of this client."];
        }
        else if (order is { Status: not "Accepted" })
        {
            errors["orderId"] = [$"Order {order.Number} is {order.Status.ToLowerInvariant()}: only an accepted order is confirmed."];
        }

        if (ids.Count == 0 && request.OrderId is null)
        {
            errors["documentIds"] = ["Choose documents to send or the order to confirm."];
        }

        if (request.Note?.Length > MaxNote)
        {
            errors["note"] = [$"At most {MaxNote} characters."];
        }

        if (errors.Count > 0)
        {
            return DeskError.Invalid(errors, "The e-mail cannot be sent");
        }

        var now = time.GetUtcNow();
        var email = new OutgoingEmail
        {
            Id = Guid.CreateVersion7(now), ClientId = client!.Id, CallId = request.CallId, OrderId = request.OrderId, To = to!,
            Subject = order is null ? "Documents you asked for" : $"Order {order.Number} confirmation",
            Body = Compose(client.Name, request.Note, order, attached.ConvertAll(a => a.Title)), DocumentIds = ids, CreatedAt = now,
            NextAttemptAt = now, RequestedBy = userName,
        };
        db.OutgoingEmails.Add(email);
        audit.Record(userName, "email", "client", client.Id.ToString(),
            $"email={email.Id};documents={ids.Count};order={order?.Number};call={request.CallId}");
        await db.SaveChangesAsync(cancellationToken);
        sender.Wake();
        return (await GetAsync(email.Id, cancellationToken))!;
    }

    /// <summary>E-mails of a client and/or of a call, newest first (at most 50).</summary>
    public async Task<List<EmailDto>> ListAsync(Guid? clientId, Guid? callId, CancellationToken cancellationToken)
    {
        var query = db.OutgoingEmails.AsNoTracking();
        if (clientId is not null)
        {
            query = query.Where(e => e.ClientId == clientId);
        }

        if (callId is not null)
        {
            query = query.Where(e => e.CallId == callId);
        }

        return await ToDtosAsync(await query.OrderByDescending(e => e.CreatedAt).Take(50).ToListAsync(cancellationToken), cancellationToken);
    }

    /// <summary>The e-mail <paramref name="id"/>, or null.</summary>
    public async Task<EmailDto?> GetAsync(Guid id, CancellationToken cancellationToken) =>
        (await ToDtosAsync(await db.OutgoingEmails.AsNoTracking().Where(e => e.Id == id).ToListAsync(cancellationToken), cancellationToken))
        .SingleOrDefault();

    private async Task<List<EmailDto>> ToDtosAsync(List<OutgoingEmail> emails, CancellationToken cancellationToken)
    {
        var ids = emails.SelectMany(e => e.DocumentIds).Distinct().ToList();
        var titles = await db.ReferenceDocuments.AsNoTracking().Where(d => ids.Contains(d.Id)).ToDictionaryAsync(d => d.Id, d => d.Title, cancellationToken);
        return emails.ConvertAll(e => new EmailDto(e.Id, e.ClientId, e.CallId, e.OrderId, e.To, e.Subject,
            [.. e.DocumentIds.Select(d => titles.GetValueOrDefault(d, "?"))], e.Status.ToString(), e.Attempts, e.CreatedAt, e.SentAt,
            e.Status == OutgoingEmailStatus.Queued ? e.NextAttemptAt : null, e.LastError, e.RequestedBy));
    }

    private static bool IsAddress(string text) =>
        text.Length <= 254 && MailboxAddress.TryParse(text, out var address) && address.Address.Contains('@', StringComparison.Ordinal)
        && !text.Contains(',', StringComparison.Ordinal) && !text.Contains(';', StringComparison.Ordinal);

    private static string Compose(string client, string? note, OrderDto? order, List<string> documents)
    {
        var text = new StringBuilder().Append(CultureInfo.InvariantCulture, $"Dear {client},\n\n");
        if (!string.IsNullOrWhiteSpace(note))
        {
            text.Append(note.Trim()).Append("\n\n");
        }

        if (order is not null)
        {
            text.Append(CultureInfo.InvariantCulture, $"We confirm your order {order.Number}:\n");
            foreach (var line in order.Lines)
            {
                text.Append(CultureInfo.InvariantCulture, $"  {line.Sku} {line.Name}: {line.Quantity:0.###} {line.Unit} x {line.UnitPrice:0.00} = {line.LineTotal:0.00}");
                text.Append(line.IsBonus ? $" (bonus: {line.Promotion})" : line.DiscountPercent is { } d ? $" ({d:0.##}% off: {line.Promotion})" : "").Append('\n');
            }

            text.Append(CultureInfo.InvariantCulture, $"Total: {order.Total:0.00}\n");
            text.Append(CultureInfo.InvariantCulture, $"Delivery: {order.Delivery.DeliveryDate:yyyy-MM-dd} {order.Delivery.DeliveryWindow}, received by {order.Delivery.ReceiverName}\n\n");
        }

        if (documents.Count > 0)
        {
            text.Append("Attached: ").Append(string.Join(", ", documents)).Append("\n\n");
        }

        return text.Append("Kind regards,\nthe order desk\n").ToString();
    }
}
