using ContactCenter.Crm.Clients;
using ContactCenter.Crm.Documents;
using ContactCenter.Crm.Orders;
using ContactCenter.TestKit;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using MimeKit;

namespace ContactCenter.Crm.Tests;

/// <summary>Documents and order confirmations e-mailed to clients through a real SMTP server on 127.0.0.1 (issue #18).</summary>
[Collection(DatabaseCollection.Name)]
[Trait("Category", "Database")]
public sealed class EmailTests(CrmDatabaseFixture fixture)
{
    [Fact]
    public async Task Email_DocumentAndOrderConfirmation_ReceivedWithTheAttachment_RecordedOnTheCallAndTheCard()
    {
        await using var smtp = await SmtpSink.StartAsync();
        await using var demo = await StartAsync(smtp.Port);
        var (client, document) = await ArrangeAsync(demo);
        var order = await OrderDeskTests.CompleteDraftAsync(demo, "Corner Shop");
        Assert.IsType<Ok<OrderDto>>((await OrderDeskTests.AcceptAsync(demo, order)).Result);
        var callId = Guid.NewGuid();

        var queued = await QueueAsync(demo, new EmailRequest(client, callId, order, [document], null, "As agreed on the phone."));
        var tried = await demo.InScopeAsync<EmailSender, int>(s => s.SendDueAsync(CancellationToken.None));

        Assert.Equal(("Queued", 0), (queued.Value!.Status, queued.Value.Attempts));
        Assert.Equal(1, tried);
        using var message = await MimeMessage.LoadAsync(new MemoryStream(Assert.Single(smtp.Messages())));
        Assert.Equal("shop@corner.example", Assert.Single(message.To.Mailboxes).Address);
        Assert.StartsWith("Order ", message.Subject, StringComparison.Ordinal);
        Assert.Contains("As agreed on the phone.", message.TextBody, StringComparison.Ordinal);
        Assert.Contains("CHS-RUS", message.TextBody, StringComparison.Ordinal);
        var attachment = Assert.IsType<MimePart>(Assert.Single(message.Attachments));
        Assert.NotNull(attachment.Content);
        Assert.Equal(("milk-sheet.pdf", "application/pdf"), (attachment.FileName, attachment.ContentType.MimeType));
        using var content = new MemoryStream();
        await attachment.Content.DecodeToAsync(content);
        Assert.Equal(DocumentTests.Pdf, content.ToArray());
        var onCall = await demo.InScopeAsync<EmailDesk, List<EmailDto>>(d => d.ListAsync(null, callId, CancellationToken.None));
        Assert.Equal(("Sent", 1), (Assert.Single(onCall).Status, onCall[0].Attempts));
        var card = await demo.InScopeAsync<ClientCardReader, ClientCardDto?>(r => r.ReadAsync(client, null, CancellationToken.None));
        Assert.Equal(["Milk sheet"], Assert.Single(card!.RecentEmails).Documents);
    }

    [Fact]
    public async Task Email_ServerDown_KeptAndRetriedAfterThePause_DeliveredOnceWhenItIsBack()
    {
        await using var smtp = await SmtpSink.StartAsync();
        await using var demo = await StartAsync(smtp.Port);
        var (client, document) = await ArrangeAsync(demo);
        await smtp.StopAsync();

        var queued = await QueueAsync(demo, new EmailRequest(client, null, null, [document], null, null));
        await demo.InScopeAsync<EmailSender, int>(s => s.SendDueAsync(CancellationToken.None));
        var afterFailure = await GetAsync(demo, queued.Value!.Id);
        var tooEarly = await demo.InScopeAsync<EmailSender, int>(s => s.SendDueAsync(CancellationToken.None));
        await smtp.RestartAsync();
        ((FakeTimeProvider)demo.Provider.GetRequiredService<TimeProvider>()).Advance(TimeSpan.FromSeconds(31));
        await demo.InScopeAsync<EmailSender, int>(s => s.SendDueAsync(CancellationToken.None));
        var delivered = await GetAsync(demo, queued.Value.Id);

        Assert.Equal(("Queued", 1), (afterFailure.Status, afterFailure.Attempts));
        Assert.StartsWith("not delivered: ", afterFailure.LastError, StringComparison.Ordinal);
        Assert.Equal(new DateTimeOffset(2026, 11, 26, 9, 0, 30, TimeSpan.Zero), afterFailure.NextAttemptAt);
        Assert.Equal(0, tooEarly);
        Assert.Equal(("Sent", 2, (string?)null), (delivered.Status, delivered.Attempts, delivered.LastError));
        Assert.Single(smtp.Messages());
    }

    [Fact]
    public async Task Email_RecipientRefused_FailedAtOnce_TheOperatorIsNotified()
    {
        await using var smtp = await SmtpSink.StartAsync(refuseRecipients: true);
        await using var demo = await StartAsync(smtp.Port);
        var (client, document) = await ArrangeAsync(demo);

        var queued = await QueueAsync(demo, new EmailRequest(client, null, null, [document], null, null));
        await demo.InScopeAsync<EmailSender, int>(s => s.SendDueAsync(CancellationToken.None));
        var failed = await GetAsync(demo, queued.Value!.Id);
        var notifications = await demo.NotificationsOfAsync("1001", "Operator");

        Assert.Equal(("Failed", 1), (failed.Status, failed.Attempts));
        Assert.Contains("No such mailbox", failed.LastError, StringComparison.Ordinal);
        Assert.Contains(notifications, n => n.Kind == "email-failed" && n.Text.Contains("shop@corner.example", StringComparison.Ordinal));
        Assert.Empty(smtp.Messages());
    }

    [Fact]
    public async Task Queue_BadAddressUnknownDocumentOtherClientsOrder_BadRequestNamingEachField_MailOff409()
    {
        await using var demo = await StartAsync(port: 25);
        await using var off = await DemoScenario.StartAsync(fixture);
        var (client, _) = await ArrangeAsync(demo);
        var arbat = await demo.ClientIdAsync("Arbat Foods");
        var otherOrder = await OrderDeskTests.CompleteDraftAsync(demo, "Arbat Foods");

        var bad = await QueueAsync(demo, new EmailRequest(client, null, otherOrder, [Guid.NewGuid()], "not an address", null));
        var noAddress = await QueueAsync(demo, new EmailRequest(arbat, null, null, null, null, null));
        var disabled = await off.InScopeAsync<EmailDesk, DeskResult<EmailDto>>(d =>
            d.QueueAsync(new EmailRequest(client, null, null, null, "a@b.example", null), "1001", CancellationToken.None));

        Assert.Equal(["documentIds", "orderId", "to"], bad.Error!.Fields!.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(["documentIds", "to"], noAddress.Error!.Fields!.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(DeskErrorKind.Conflict, disabled.Error!.Kind);
        Assert.Equal(0, await demo.Provider.InScopeAsync(db => db.OutgoingEmails.CountAsync()));
    }

    private Task<DemoScenario> StartAsync(int port) =>
        DemoScenario.StartAsync(fixture, services => services.AddSingleton(Options.Create(new MailOptions
        {
            Host = "127.0.0.1", Port = port, From = "Order desk <orders@distributor.example>", Timeout = TimeSpan.FromSeconds(10),
        })));

    // Corner Shop gets an e-mail address; the admin uploads a product sheet.
    private static async Task<(Guid Client, Guid Document)> ArrangeAsync(DemoScenario demo)
    {
        var client = await demo.ClientIdAsync("Corner Shop");
        await demo.Provider.InScopeAsync(db => db.Clients.Where(c => c.Id == client).ExecuteUpdateAsync(s => s.SetProperty(c => c.Email, "shop@corner.example")));
        var created = await DocumentTests.LibraryAsync(demo, l => l.CreateAsync(new("Milk sheet", "product-sheet", null, "MLK-32", null), "admin", CancellationToken.None));
        await DocumentTests.LibraryAsync(demo, l => l.UploadAsync(created.Value!.Id, "milk-sheet.pdf", DocumentTests.Pdf, "admin", CancellationToken.None));
        return (client, created.Value!.Id);
    }

    private static Task<DeskResult<EmailDto>> QueueAsync(DemoScenario demo, EmailRequest request) =>
        demo.InScopeAsync<EmailDesk, DeskResult<EmailDto>>(d => d.QueueAsync(request, "1001", CancellationToken.None));

    private static async Task<EmailDto> GetAsync(DemoScenario demo, Guid id) =>
        (await demo.InScopeAsync<EmailDesk, EmailDto?>(d => d.GetAsync(id, CancellationToken.None)))!;
}
