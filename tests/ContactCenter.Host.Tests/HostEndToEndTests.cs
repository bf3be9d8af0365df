using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ContactCenter.TestKit;
using Microsoft.EntityFrameworkCore;

namespace ContactCenter.Host.Tests;

[Collection(HostBasicsCollection.Name)]
[Trait("Category", "Database")]
public sealed class HostEndToEndTests(CrmDatabaseFixture fixture)
{
    [Fact]
    public async Task Users_AdminResetsPasswordAndDisables_OldPasswordAndSessionStopWorking()
    {
        var database = await fixture.NewDatabaseAsync();
        await using var host = await HostProcess.StartAsync(database);
        using var admin = host.CreateClient("admin", "admin-demo");
        using var created = await admin.PostAsJsonAsync("api/users", new { userName = "temp1", password = "first-password", roles = new[] { "Operator" } });
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        using var cookies = new HttpClientHandler { CookieContainer = new CookieContainer() };
        using var browser = host.CreateClient(handler: cookies);
        using var login = await browser.PostAsJsonAsync("api/auth/login", new { userName = "temp1", password = "first-password" });
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync(new Uri("api/auth/me", UriKind.Relative))).StatusCode);

        using var tooShort = await admin.PutAsJsonAsync($"api/users/{id}/password", new { password = "short" });
        using var reset = await admin.PutAsJsonAsync($"api/users/{id}/password", new { password = "second-password" });
        using var oldPassword = host.CreateClient("temp1", "first-password");
        using var newPassword = host.CreateClient("temp1", "second-password");
        var oldStatus = (await oldPassword.GetAsync(new Uri("api/auth/me", UriKind.Relative))).StatusCode;
        var newStatus = (await newPassword.GetAsync(new Uri("api/auth/me", UriKind.Relative))).StatusCode;
        using var disable = await admin.PutAsJsonAsync($"api/users/{id}/active", new { active = false });
        var adminId = (await admin.GetFromJsonAsync<JsonElement>("api/users")).EnumerateArray()
            .Single(u => u.GetProperty("userName").GetString() == "admin").GetProperty("id").GetGuid();
        using var self = await admin.PutAsJsonAsync($"api/users/{adminId}/active", new { active = false });
        using var operator1 = host.CreateClient("1001", "pw1001");
        using var byOperator = await operator1.PutAsJsonAsync($"api/users/{id}/password", new { password = "third-password" });

        Assert.Equal(HttpStatusCode.BadRequest, tooShort.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, reset.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, oldStatus);
        Assert.Equal(HttpStatusCode.OK, newStatus);
        Assert.Equal(HttpStatusCode.OK, disable.StatusCode);
        Assert.False((await disable.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("isActive").GetBoolean());
        Assert.Equal(HttpStatusCode.Unauthorized, (await newPassword.GetAsync(new Uri("api/auth/me", UriKind.Relative))).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await browser.GetAsync(new Uri("api/auth/me", UriKind.Relative))).StatusCode); // the cookie too
        Assert.Equal(HttpStatusCode.Conflict, self.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, byOperator.StatusCode);
        await using var db = CrmDatabaseFixture.CreateContext(database);
        var audit = await db.Audit.Where(a => a.EntityId == id.ToString()).Select(a => a.Action + " " + a.Details).ToListAsync();
        Assert.Contains(audit, a => a.StartsWith("reset-password", StringComparison.Ordinal));
        Assert.Contains(audit, a => a.StartsWith("disable", StringComparison.Ordinal));
        Assert.DoesNotContain(audit, a => a.Contains("second-password", StringComparison.Ordinal));
        Assert.DoesNotContain("second-password", host.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task FirstStart_OnAnEmptyDatabase_MakesTheSchema_WithoutAnErrorInTheLog()
    {
        var name = "cc_first_" + Guid.NewGuid().ToString("N")[..8];
        await fixture.Server.CreateDatabaseAsync(name);
        await using var host = await HostProcess.StartAsync(fixture.Server.ConnectionString(name), seed: false);

        var output = await host.OutputContainingAsync("Database schema is current");
        await using var db = CrmDatabaseFixture.CreateContext(fixture.Server.ConnectionString(name));
        Assert.Empty(await db.Database.GetPendingMigrationsAsync());
        Assert.NotEmpty(await db.Database.GetAppliedMigrationsAsync());
        Assert.DoesNotContain("fail:", output, StringComparison.Ordinal);
        Assert.DoesNotContain("crit:", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Host_StartedWithDemoData_IsHealthyAndReady()
    {
        await using var host = await HostProcess.StartAsync(await fixture.NewDemoDatabaseAsync());
        using var client = host.CreateClient();

        using var live = await client.GetAsync(new Uri("health", UriKind.Relative));
        using var ready = await client.GetAsync(new Uri("health/ready", UriKind.Relative));
        var page = await client.GetStringAsync(new Uri("/", UriKind.Relative));
        using var admin = host.CreateClient("admin", "admin-demo");
        using var users = await admin.GetAsync(new Uri("api/users", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        Assert.Equal(HttpStatusCode.OK, users.StatusCode);
        // The shipped appsettings.json is read: it keeps EF Core's SQL commands out of the log.
        Assert.DoesNotContain("Executed DbCommand", host.Output, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        Assert.Contains("Sign in", page, StringComparison.Ordinal);
        Assert.Contains("admin / admin-demo", host.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Api_RolesAndCredentials_AreEnforced()
    {
        await using var host = await HostProcess.StartAsync(await fixture.NewDemoDatabaseAsync());

        using var anonymous = await host.CreateClient().GetAsync(new Uri("api/staff", UriKind.Relative));
        using var wrong = await host.CreateClient("admin", "nope").GetAsync(new Uri("api/staff", UriKind.Relative));
        using var operatorStaff = await host.CreateClient("1001", "pw1001").GetAsync(new Uri("api/staff", UriKind.Relative));
        using var operatorUsers = await host.CreateClient("1001", "pw1001").GetAsync(new Uri("api/users", UriKind.Relative));
        using var adminUsers = await host.CreateClient("admin", "admin-demo").GetAsync(new Uri("api/users", UriKind.Relative));

        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        Assert.Equal(HttpStatusCode.OK, operatorStaff.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, operatorUsers.StatusCode);
        Assert.Equal(HttpStatusCode.OK, adminUsers.StatusCode);
        var staff = await operatorStaff.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(
            ["1001", "1002", "1003", "2001", "2002", "2101", "3001", "3002", "4001", "5001"],
            staff.EnumerateArray().Select(s => s.GetProperty("extension").GetString()));
    }

    [Fact]
    public async Task SignIn_WithCookie_ShowsUserAndRoles()
    {
        await using var host = await HostProcess.StartAsync(await fixture.NewDemoDatabaseAsync());
        using var handler = new HttpClientHandler { CookieContainer = new CookieContainer() };
        using var client = host.CreateClient(handler: handler);

        using var login = await client.PostAsJsonAsync(new Uri("api/auth/login", UriKind.Relative), new { userName = "2001", password = "pw2001" });
        var me = await client.GetFromJsonAsync<JsonElement>(new Uri("api/auth/me", UriKind.Relative));
        using var logout = await client.PostAsync(new Uri("api/auth/logout", UriKind.Relative), null);
        using var afterLogout = await client.GetAsync(new Uri("api/auth/me", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
        Assert.Equal("2001", me.GetProperty("userName").GetString());
        Assert.Equal(["Manager"], me.GetProperty("roles").EnumerateArray().Select(r => r.GetString()));
        Assert.Equal(HttpStatusCode.NoContent, logout.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, afterLogout.StatusCode);
    }

    [Fact]
    public async Task SignIn_RepeatedFailures_BlockTheSourceEvenWithTheRightPassword()
    {
        await using var host = await HostProcess.StartAsync(await fixture.NewDemoDatabaseAsync(), ["--Security:Login:MaxFailures=3"]);
        using var client = host.CreateClient();

        var failures = new List<HttpStatusCode>();
        for (var i = 0; i < 3; i++)
        {
            using var r = await client.PostAsJsonAsync(new Uri("api/auth/login", UriKind.Relative), new { userName = "admin", password = "guess" + i });
            failures.Add(r.StatusCode);
        }

        using var blocked = await client.PostAsJsonAsync(new Uri("api/auth/login", UriKind.Relative), new { userName = "admin", password = "admin-demo" });
        using var blockedBasic = await host.CreateClient("admin", "admin-demo").GetAsync(new Uri("api/users", UriKind.Relative));

        Assert.All(failures, s => Assert.Equal(HttpStatusCode.Unauthorized, s));
        Assert.Equal(HttpStatusCode.TooManyRequests, blocked.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, blockedBasic.StatusCode);
        Assert.Contains("Sign-in blocked", await host.OutputContainingAsync("Sign-in blocked"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ApiDescription_AndUnmappedPaths_NeedASignedInUser()
    {
        await using var host = await HostProcess.StartAsync(await fixture.NewDemoDatabaseAsync());

        using var anonymous = await host.CreateClient().GetAsync(new Uri("openapi/v1.json", UriKind.Relative));
        using var asOperator = await host.CreateClient("1001", "pw1001").GetAsync(new Uri("openapi/v1.json", UriKind.Relative));
        using var asAdmin = await host.CreateClient("admin", "admin-demo").GetAsync(new Uri("openapi/v1.json", UriKind.Relative));
        using var unknownPath = await host.CreateClient().GetAsync(new Uri("api/no-such-thing", UriKind.Relative));

        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, asOperator.StatusCode);
        Assert.Equal(HttpStatusCode.OK, asAdmin.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, unknownPath.StatusCode);
    }

    [Fact]
    public async Task SignIn_SuccessInBetween_DoesNotResetTheFailureCount()
    {
        await using var host = await HostProcess.StartAsync(await fixture.NewDemoDatabaseAsync(), ["--Security:Login:MaxFailures=3"]);
        using var client = host.CreateClient();
        async Task<HttpStatusCode> LoginAsync(string user, string password)
        {
            using var r = await client.PostAsJsonAsync(new Uri("api/auth/login", UriKind.Relative), new { userName = user, password });
            return r.StatusCode;
        }

        var first = await LoginAsync("admin", "guess1");
        var second = await LoginAsync("admin", "guess2");
        var own = await LoginAsync("1001", "pw1001");
        var third = await LoginAsync("admin", "guess3");
        var afterwards = await LoginAsync("admin", "admin-demo");

        Assert.Equal([HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.OK, HttpStatusCode.Unauthorized], [first, second, own, third]);
        Assert.Equal(HttpStatusCode.TooManyRequests, afterwards);
    }

    [Fact]
    public async Task Metrics_ExportedInPrometheusFormatToAdminsOnly()
    {
        await using var host = await HostProcess.StartAsync(await fixture.NewDemoDatabaseAsync());
        using var warmUp = await host.CreateClient("1001", "pw1001").GetAsync(new Uri("api/staff", UriKind.Relative));

        using var asOperator = await host.CreateClient("1001", "pw1001").GetAsync(new Uri("metrics", UriKind.Relative));
        using var anonymous = await host.CreateClient().GetAsync(new Uri("metrics", UriKind.Relative));
        var text = await host.CreateClient("admin", "admin-demo").GetStringAsync(new Uri("metrics", UriKind.Relative));

        Assert.Equal(HttpStatusCode.Forbidden, asOperator.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Contains("# TYPE http_server_request_duration_seconds histogram", text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("+7 495 100-00-01")]
    [InlineData("84951000001")]
    [InlineData("74951000001")]
    [InlineData("(495) 100-00-01")]
    public async Task ClientLookup_AnyNumberFormat_FindsTheClient(string phone)
    {
        await using var host = await HostProcess.StartAsync(await fixture.NewDemoDatabaseAsync());
        using var client = host.CreateClient("1001", "pw1001");

        var found = await client.GetFromJsonAsync<JsonElement>(new Uri("api/clients?phone=" + Uri.EscapeDataString(phone), UriKind.Relative));

        var arbat = Assert.Single(found.EnumerateArray());
        Assert.Equal("Arbat Foods", arbat.GetProperty("name").GetString());
        Assert.Equal("2001", arbat.GetProperty("managerExtension").GetString());
    }

    [Fact]
    public async Task ClientLookup_NotAPhoneNumber_AnswersBadRequestSayingWhy()
    {
        await using var host = await HostProcess.StartAsync(await fixture.NewDemoDatabaseAsync());
        using var client = host.CreateClient("1001", "pw1001");

        using var response = await client.GetAsync(new Uri("api/clients?phone=hello", UriKind.Relative));
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("is not a phone number", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Restart_KeepsDataAndDoesNotDuplicateDemoData()
    {
        var database = await fixture.NewDatabaseAsync();
        await using (var first = await HostProcess.StartAsync(database))
        {
            using var admin = first.CreateClient("admin", "admin-demo");
            using var created = await admin.PostAsJsonAsync(new Uri("api/users", UriKind.Relative),
                new { userName = "supervisor", password = "supervisor-pw", roles = new[] { "DepartmentHead" } });
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        }

        await using var second = await HostProcess.StartAsync(database);
        using var newUser = await second.CreateClient("supervisor", "supervisor-pw").GetAsync(new Uri("api/staff", UriKind.Relative));
        var users = await second.CreateClient("admin", "admin-demo").GetFromJsonAsync<JsonElement>(new Uri("api/users", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, newUser.StatusCode);
        Assert.Equal(12, users.GetArrayLength());
        Assert.Contains("Demo data seeded: 0 rows added", second.Output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--Http:Port=abc", "Http:Port")]
    [InlineData("--Http:Port=70000", "Http:Port")]
    [InlineData("--Sip:Rtp:PortMin=30000", "Sip:Rtp:PortMin")]
    [InlineData("--Bus:RabbitMq=not a uri", "Bus:RabbitMq")]
    [InlineData("--PhoneNumbers:DefaultRegion=Russia", "PhoneNumbers:DefaultRegion")]
    [InlineData("--Sip:Registrar:MaxFailures=0", "Sip:Registrar:MaxFailures")]
    [InlineData("--Sip:Transport:ListenAddress=nowhere", "Sip:Transport:ListenAddress")]
    [InlineData("--Sip:Timers:T1=abc", "Sip:Timers:T1")]
    public async Task BadSetting_StopsStartUpNamingTheSetting(string argument, string setting)
    {
        var (exitCode, output) = await HostProcess.RunToExitAsync(await fixture.NewDatabaseAsync(), [argument]);

        Assert.Equal(2, exitCode);
        Assert.Contains($"ContactCenter cannot start: {setting}", output, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnreachableDatabase_HostStartsDegradedNamingTheConnectionString_CrmAnswers503()
    {
        var unreachable = $"Host=127.0.0.1;Port={FreePorts.Next()};Database=x;Username=y;Password=z;Timeout=2";

        await using var host = await HostProcess.StartAsync(unreachable, seed: false, acceptDegraded: true);
        using var anonymous = host.CreateClient();
        using var ready = await anonymous.GetAsync(new Uri("health/ready", UriKind.Relative));
        var readiness = await ready.Content.ReadAsStringAsync();
        using var admin = host.CreateClient("admin", "admin-demo");
        using var clients = await admin.GetAsync(new Uri("api/clients/unassigned", UriKind.Relative));
        var problem = await clients.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        Assert.Contains("\"status\":\"Degraded\"", readiness, StringComparison.Ordinal);
        Assert.Contains("ConnectionStrings:Crm", readiness, StringComparison.Ordinal);
        Assert.DoesNotContain("Password=z", readiness + host.Output, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, clients.StatusCode);
        Assert.Contains("CRM unavailable", problem, StringComparison.Ordinal);
        Assert.NotNull(clients.Headers.RetryAfter);
        Assert.Null(host.ExitCode);
    }
}
