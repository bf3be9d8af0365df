using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ContactCenter.TestKit;

namespace ContactCenter.Interop.Tests;

/// <summary>Issue #16, credentials: SIP passwords reset, extensions disabled and created by an admin (HA1 in PostgreSQL), checked with sipp.</summary>
[Collection(RoutingCollection.Name)]
[Trait("Category", "Interop")]
public sealed class SipAccountTests(CrmDatabaseFixture fixture)
{
    [Fact]
    public async Task Admin_ResetsDisablesAndCreates_PhonesRegisterOnlyWithWhatTheDatabaseSays()
    {
        var database = await fixture.NewDatabaseAsync();
        await using var host = await HostProcess.StartAsync(database);
        using var admin = host.CreateClient("admin", "admin-demo");

        using var reset = await admin.PostAsync(new Uri("api/sip/accounts/1001/password", UriKind.Relative), null);
        var password = (await reset.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("password").GetString()!;
        var oldPassword = await RegisterAsync(host, "1001", "pw1001", rejected: true);
        var newPassword = await RegisterAsync(host, "1001", password, rejected: false);
        using var disable = await admin.PutAsJsonAsync("api/sip/accounts/1001/active", new { active = false });
        var disabled = await RegisterAsync(host, "1001", password, rejected: true);
        using var created = await admin.PostAsJsonAsync("api/sip/accounts", new { extension = "6001", displayName = "New agent" });
        var newExtension = await RegisterAsync(host, "6001",
            (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("password").GetString()!, rejected: false);
        using var byOperator = await host.CreateClient("1002", "pw1002").PostAsync(new Uri("api/sip/accounts/1002/password", UriKind.Relative), null);
        var list = await admin.GetFromJsonAsync<JsonElement>("api/sip/accounts");

        Assert.Equal(HttpStatusCode.OK, reset.StatusCode);
        Assert.Equal(20, password.Length);
        Assert.True(oldPassword.ExitCode == 0, "the old password must be refused: " + oldPassword.Output + oldPassword.Errors);
        Assert.True(newPassword.ExitCode == 0, "the new password must register: " + newPassword.Output + newPassword.Errors);
        Assert.Equal(HttpStatusCode.OK, disable.StatusCode);
        Assert.True(disabled.ExitCode == 0, "a disabled extension must be refused: " + disabled.Output + disabled.Errors);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.True(newExtension.ExitCode == 0, "the created extension must register: " + newExtension.Output + newExtension.Errors);
        Assert.Equal(HttpStatusCode.Forbidden, byOperator.StatusCode);
        var accounts = list.EnumerateArray().ToDictionary(a => a.GetProperty("extension").GetString()!);
        Assert.False(accounts["1001"].GetProperty("isActive").GetBoolean());
        Assert.Equal("database", accounts["6001"].GetProperty("source").GetString());
        Assert.Equal("sip.json", accounts["1002"].GetProperty("source").GetString());
        Assert.DoesNotContain(password, host.Output, StringComparison.Ordinal);
        await using var db = CrmDatabaseFixture.CreateContext(database);
        var stored = db.SipAccounts.Single(a => a.Extension == "1001");
        Assert.Equal(32, stored.Ha1Md5.Length);
        Assert.DoesNotContain(db.Audit.Select(a => a.Details ?? "").ToList(), d => d.Contains(password, StringComparison.Ordinal));
    }

    private static Task<SippResult> RegisterAsync(HostProcess host, string extension, string password, bool rejected) =>
        Sipp.RunAsync(Sipp.Scenario(rejected ? "register-rejected.xml" : "register.xml"), host.SipTarget, FreePorts.Next(),
            extraArguments: ["-key", "ext", extension, "-key", "expires", "60", "-au", extension, "-ap", password]);
}
