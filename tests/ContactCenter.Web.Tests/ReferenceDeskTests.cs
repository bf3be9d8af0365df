using System.Globalization;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using ContactCenter.TestKit;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace ContactCenter.Web.Tests;

/// <summary>The desk's reference panel: an operator finds a certificate an admin uploaded and e-mails it to the client (a real SMTP server on 127.0.0.1).</summary>
[Collection(WebCollection.Name)]
[Trait("Category", "Interop")]
public sealed class ReferenceDeskTests(CrmDatabaseFixture database, BrowserFixture browser)
{
    private static readonly LocatorAssertionsToContainTextOptions SoonContains = new() { Timeout = 20_000 };

    [Fact]
    public async Task Certificate_FoundOnTheDesk_EmailedToTheClient_TheServerReceivesTheAttachment()
    {
        await using var smtp = await SmtpSink.StartAsync();
        await using var rig = await WebRig.StartAsync(database, browser,
            ["--Crm:Mail:Host=127.0.0.1", $"--Crm:Mail:Port={smtp.Port.ToString(CultureInfo.InvariantCulture)}", "--Crm:Mail:PollInterval=00:00:01"]);
        var pdf = Encoding.ASCII.GetBytes("%PDF-1.4\n% milk certificate\n%%EOF\n");
        using (var admin = rig.Host.CreateClient("admin", "admin-demo"))
        {
            using var created = await admin.PostAsJsonAsync("api/admin/reference",
                new { title = "Certificate of conformity, milk", kind = "certificate", body = "Valid until 2027-06-30.", sku = "MLK-32" });
            var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString();
            using var uploaded = await admin.PutAsync($"api/admin/reference/{id}/file?name=milk-certificate.pdf", new ByteArrayContent(pdf));
            Assert.True(uploaded.IsSuccessStatusCode, await uploaded.Content.ReadAsStringAsync());
        }

        var page = await rig.SignInAsync("1001", "pw1001", "desk.html");
        await page.FillAsync("#number", "84951000003");
        await page.Keyboard.PressAsync("Alt+O");
        await Expect(page.Locator("#card-name")).ToHaveTextAsync("Corner Shop", new() { Timeout = 15_000 });
        await page.ClickAsync("#ref-send");
        await Expect(page.Locator("#reference-panel [data-error-for=documentIds]")).ToContainTextAsync("Choose documents", SoonContains);

        await page.FillAsync("#ref-search", "conformity");
        await page.ClickAsync("#ref-find");
        await page.CheckAsync("input[aria-label='Send Certificate of conformity, milk']");
        await page.FillAsync("#ref-to", "buyer@corner.example");
        await page.ClickAsync("#ref-send");

        await Expect(page.Locator("#ref-banner")).ToContainTextAsync("E-mail to buyer@corner.example sent.", SoonContains);
        await Expect(page.Locator("#ref-emails")).ToContainTextAsync("Certificate of conformity, milk");
        await Screenshots.SaveAsync(page, "reference-email");
        var message = Encoding.ASCII.GetString(Assert.Single(smtp.Messages()));
        Assert.Contains("filename=milk-certificate.pdf", message, StringComparison.Ordinal);
        Assert.Contains(Convert.ToBase64String(pdf)[..40], message.Replace("\r\n", "", StringComparison.Ordinal), StringComparison.Ordinal);
    }
}
