using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using ContactCenter.TestKit;

namespace ContactCenter.Host.Tests;

/// <summary>Reference documents and e-mail through the real host: admins keep documents, an operator finds one and e-mails it to a client.</summary>
[Collection(DatabaseCollection.Name)]
[Trait("Category", "Database")]
public sealed class DocumentEndToEndTests(CrmDatabaseFixture fixture)
{
    private static readonly byte[] Pdf = Encoding.ASCII.GetBytes("%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n");

    [Fact]
    public async Task Document_AdminUploads_OperatorMayNot_OperatorFindsAndEmailsIt_TheSmtpServerReceivesIt()
    {
        await using var smtp = await SmtpSink.StartAsync();
        await using var host = await HostProcess.StartAsync(await fixture.NewDemoDatabaseAsync(),
            ["--Crm:Mail:Host=127.0.0.1", $"--Crm:Mail:Port={smtp.Port.ToString(CultureInfo.InvariantCulture)}", "--Crm:Mail:PollInterval=00:00:01"]);
        using var admin = host.CreateClient("admin", "admin-demo");
        using var operatorClient = host.CreateClient("1001", "pw1001");
        var document = new { title = "Certificate of conformity, milk", kind = "certificate", body = "Valid until 2027-06-30.", sku = "MLK-32" };

        using var refused = await operatorClient.PostAsJsonAsync("api/admin/reference", document);
        using var created = await admin.PostAsJsonAsync("api/admin/reference", document);
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString();
        using var exe = await admin.PutAsync($"api/admin/reference/{id}/file?name=cert.pdf", Body([0x4D, 0x5A, 0x90, 0x00]));
        using var uploaded = await admin.PutAsync($"api/admin/reference/{id}/file?name=cert.pdf", Body(Pdf));
        var found = await operatorClient.GetFromJsonAsync<JsonElement>("api/reference?search=conformity");
        using var download = await operatorClient.GetAsync($"api/reference/{id}/file");
        var card = await operatorClient.GetFromJsonAsync<JsonElement>("api/clients/by-phone/" + Uri.EscapeDataString("+7 495 100-00-03") + "/card");
        using var sent = await operatorClient.PostAsJsonAsync("api/emails", new
        {
            clientId = card.GetProperty("id").GetString(), documentIds = new[] { id }, to = "buyer@corner.example",
        });
        var location = sent.Headers.Location!.ToString();
        var email = await sent.Content.ReadFromJsonAsync<JsonElement>();
        for (var i = 0; i < 100 && email.GetProperty("status").GetString() == "Queued"; i++)
        {
            await Task.Delay(200);
            email = await operatorClient.GetFromJsonAsync<JsonElement>(location);
        }

        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, exe.StatusCode);
        Assert.Equal(["file"], (await exe.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").EnumerateObject().Select(e => e.Name));
        Assert.Equal(HttpStatusCode.OK, uploaded.StatusCode);
        Assert.Equal([id], found.EnumerateArray().Select(d => d.GetProperty("id").GetString()));
        Assert.Equal(("application/pdf", "nosniff"), (download.Content.Headers.ContentType?.MediaType, string.Join("", download.Headers.GetValues("X-Content-Type-Options"))));
        Assert.Equal(Pdf, await download.Content.ReadAsByteArrayAsync());
        Assert.Equal(HttpStatusCode.Accepted, sent.StatusCode);
        Assert.Equal("Sent", email.GetProperty("status").GetString());
        var message = Encoding.ASCII.GetString(Assert.Single(smtp.Messages()));
        Assert.Contains("To: buyer@corner.example", message, StringComparison.Ordinal);
        Assert.Contains("filename=cert.pdf", message, StringComparison.Ordinal);
        Assert.Contains(Convert.ToBase64String(Pdf)[..40], message.Replace("\r\n", "", StringComparison.Ordinal), StringComparison.Ordinal);
    }

    private static ByteArrayContent Body(byte[] bytes)
    {
        var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        return content;
    }
}
