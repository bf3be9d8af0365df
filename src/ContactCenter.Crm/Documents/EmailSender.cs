using ContactCenter.Crm.Model;
using ContactCenter.Crm.Notifications;
using ContactCenter.Crm.Persistence;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MimeKit;

namespace ContactCenter.Crm.Documents;

/// <summary>
/// Sends the queued e-mails through the SMTP server (<c>Crm:Mail</c>, MailKit). Each due e-mail is claimed with a row lock
/// (two processes never send one twice), sent, and marked sent; a failure is recorded with its reason and retried after a
/// pause that doubles up to <see cref="MailOptions.MaxRetryDelay"/>. After <see cref="MailOptions.MaxAttempts"/>, or
/// at once when the server refuses it for good (5xx), it is marked failed and its requester notified. Nothing is
/// dropped: an e-mail stays in the table, whatever happens to the server, the network or this process.
/// </summary>
public sealed partial class EmailSender(IServiceScopeFactory scopes, IOptions<MailOptions> options, CrmMetrics metrics, TimeProvider time,
    ILogger<EmailSender> logger) : BackgroundService
{
    private const int Batch = 10;
    private readonly SemaphoreSlim _wake = new(0, 1);

    /// <summary>Asks for a pass now (an e-mail was queued).</summary>
    public void Wake()
    {
        try
        {
            _wake.Release();
        }
        catch (SemaphoreFullException)
        {
            // Already woken: the next pass sees every due e-mail.
        }
    }

    /// <summary>Sends what is due now; returns how many e-mails were tried.</summary>
    public async Task<int> SendDueAsync(CancellationToken cancellationToken)
    {
        if (!options.Value.Enabled)
        {
            return 0;
        }

        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CrmDbContext>();
        var notifier = scope.ServiceProvider.GetRequiredService<Notifier>();
        // A database fault after a send repeats the pass: the e-mail may go twice (same Message-ID), never not at all.
        return await db.Database.CreateExecutionStrategy().ExecuteAsync(async token =>
        {
            db.ChangeTracker.Clear();
            var now = time.GetUtcNow();
            await using var transaction = await db.Database.BeginTransactionAsync(token);
            var due = await db.OutgoingEmails.FromSql($"""
                SELECT * FROM outgoing_emails WHERE status = 'Queued' AND next_attempt_at <= {now}
                ORDER BY next_attempt_at LIMIT {Batch} FOR UPDATE SKIP LOCKED
                """).ToListAsync(token);
            foreach (var email in due)
            {
                await AttemptAsync(db, notifier, email, token);
            }

            await db.SaveChangesAsync(token);
            await transaction.CommitAsync(token);
            return due.Count;
        }, cancellationToken);
    }

    /// <inheritdoc />
    public override void Dispose()
    {
        _wake.Dispose();
        base.Dispose();
    }

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                while (await SendDueAsync(stoppingToken) == Batch)
                {
                    // A full batch: more may be due.
                }
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                // The database is down, most likely: the e-mails wait in their table for the next pass.
                LogPassFailed(logger, ex);
            }

            using var waiting = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
            await Task.WhenAny(_wake.WaitAsync(waiting.Token), Task.Delay(options.Value.PollInterval, time, waiting.Token));
            await waiting.CancelAsync();
        }
    }

    private async Task AttemptAsync(CrmDbContext db, Notifier notifier, OutgoingEmail email, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        email.Attempts++;
        try
        {
            using var message = await ComposeAsync(db, email, settings, cancellationToken);
            using var smtp = new SmtpClient { Timeout = (int)settings.Timeout.TotalMilliseconds };
            var security = !settings.UseTls ? SecureSocketOptions.None : settings.Port == 465 ? SecureSocketOptions.SslOnConnect : SecureSocketOptions.StartTls;
            await smtp.ConnectAsync(settings.Host!, settings.Port, security, cancellationToken);
            if (!string.IsNullOrEmpty(settings.UserName))
            {
                await smtp.AuthenticateAsync(settings.UserName, settings.Password ?? "", cancellationToken);
            }

            await smtp.SendAsync(message, cancellationToken);
            await smtp.DisconnectAsync(true, cancellationToken);
            email.Status = OutgoingEmailStatus.Sent;
            email.SentAt = time.GetUtcNow();
            email.LastError = null;
            metrics.EmailAttempt("sent");
            LogSent(logger, email.Id, email.ClientId, email.Attempts);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            var refused = ex is SmtpCommandException { StatusCode: >= (SmtpStatusCode)500 };
            email.LastError = Truncate($"{(refused ? "refused" : "not delivered")}: {ex.Message}");
            if (refused || email.Attempts >= settings.MaxAttempts)
            {
                email.Status = OutgoingEmailStatus.Failed;
                metrics.EmailAttempt("failed");
                LogFailed(logger, email.Id, email.ClientId, email.Attempts, email.LastError);
                var staff = await db.Users.Where(u => u.UserName == email.RequestedBy).Select(u => u.StaffId).FirstOrDefaultAsync(cancellationToken);
                if (staff is { } staffId)
                {
                    await notifier.ToStaffAsync(staffId, NotificationKinds.EmailFailed,
                        $"The e-mail \"{email.Subject}\" to {email.To} was not delivered after {email.Attempts} attempt(s): {email.LastError}",
                        "email", email.Id, cancellationToken);
                }
            }
            else
            {
                var pause = settings.FirstRetryDelay * Math.Pow(2, Math.Min(email.Attempts - 1, 20));
                email.NextAttemptAt = time.GetUtcNow() + (pause < settings.MaxRetryDelay ? pause : settings.MaxRetryDelay);
                metrics.EmailAttempt("retry");
                LogRetry(logger, email.Id, email.Attempts, email.NextAttemptAt, email.LastError);
            }
        }
    }

    private static async Task<MimeMessage> ComposeAsync(CrmDbContext db, OutgoingEmail email, MailOptions settings, CancellationToken cancellationToken)
    {
        var documents = await db.ReferenceDocuments.AsNoTracking().Where(d => email.DocumentIds.Contains(d.Id))
            .Select(d => new { d.Id, d.Title, d.Body, d.FileName, d.ContentType }).ToListAsync(cancellationToken);
        var files = await db.ReferenceFiles.AsNoTracking().Where(f => email.DocumentIds.Contains(f.DocumentId))
            .ToDictionaryAsync(f => f.DocumentId, f => f.Content, cancellationToken);
        var body = new BodyBuilder { TextBody = email.Body };
        foreach (var document in documents.OrderBy(d => d.Title, StringComparer.Ordinal))
        {
            if (document.FileName is not null && files.TryGetValue(document.Id, out var content))
            {
                body.Attachments.Add(document.FileName, content, ContentType.Parse(document.ContentType ?? "application/octet-stream"));
            }

            if (document.Body is not null)
            {
                body.TextBody += $"\n{document.Title}\n{new string('-', Math.Min(document.Title.Length, 60))}\n{document.Body}\n";
            }
        }

        var message = new MimeMessage { Subject = email.Subject, Body = body.ToMessageBody() };
        message.From.Add(MailboxAddress.Parse(settings.From));
        message.To.Add(MailboxAddress.Parse(email.To));
        message.MessageId = $"{email.Id:N}@contactcenter";
        return message;
    }

    private static string Truncate(string text) => text.Length <= 1000 ? text : text[..1000];

    [LoggerMessage(Level = LogLevel.Information, Message = "E-mail {EmailId} to client {ClientId} sent (attempt {Attempt})")]
    private static partial void LogSent(ILogger logger, Guid emailId, Guid clientId, int attempt);

    [LoggerMessage(Level = LogLevel.Warning, Message = "E-mail {EmailId} attempt {Attempt} failed, next at {NextAttemptAt}: {Reason}")]
    private static partial void LogRetry(ILogger logger, Guid emailId, int attempt, DateTimeOffset nextAttemptAt, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "E-mail {EmailId} to client {ClientId} failed for good after {Attempt} attempts: {Reason}")]
    private static partial void LogFailed(ILogger logger, Guid emailId, Guid clientId, int attempt, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The e-mail sender's pass failed; queued e-mails wait for the next one")]
    private static partial void LogPassFailed(ILogger logger, Exception exception);
}
