using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ContactCenter.Contracts.Calls;
using ContactCenter.Crm.Model;
using ContactCenter.TestKit;
using Microsoft.EntityFrameworkCore;

namespace ContactCenter.Host.Tests;

/// <summary><c>/api/calls</c> on the real host: filters, paging, who sees which calls, the CSV export.</summary>
[Collection(DatabaseCollection.Name)]
[Trait("Category", "Database")]
public sealed class CallLogEndToEndTests(CrmDatabaseFixture fixture)
{
    private static readonly DateTimeOffset Day = new(2026, 11, 20, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task CallLog_AdminFiltersAndPages_OthersSeeTheirOwnCalls()
    {
        var database = await fixture.NewDatabaseAsync();
        await using var host = await HostProcess.StartAsync(database);
        var ids = await SeedCallsAsync(database);
        using var admin = host.CreateClient("admin", "admin-demo");
        using var operator1 = host.CreateClient("1001", "pw1001");
        using var manager = host.CreateClient("2001", "pw2001");

        var all = await GetAsync(admin, "api/calls");
        var byAgent = await GetAsync(admin, "api/calls?agent=1001");
        var abandoned = await GetAsync(admin, "api/calls?outcome=abandoned");
        var arbat = await GetAsync(admin, "api/calls?number=" + Uri.EscapeDataString("8 (495) 100-00-01"));
        var period = await GetAsync(admin, "api/calls?from=2026-11-20T09:30:00Z&to=2026-11-21");
        var page2 = await GetAsync(admin, "api/calls?pageSize=2&page=2");
        var mine = await GetAsync(operator1, "api/calls");
        var myClients = await GetAsync(manager, "api/calls");
        using var notMine = await operator1.GetAsync(new Uri($"api/calls/{ids.Arbat}", UriKind.Relative));

        Assert.Equal([ids.Abandoned, ids.Arbat, ids.Corner], Ids(all)); // newest first
        Assert.Equal(3, all.GetProperty("totalCount").GetInt32());
        Assert.Equal([ids.Corner], Ids(byAgent));
        Assert.Equal([ids.Abandoned], Ids(abandoned));
        Assert.Equal([ids.Arbat], Ids(arbat));
        Assert.Equal([ids.Abandoned, ids.Arbat], Ids(period));
        Assert.Equal([ids.Corner], Ids(page2));
        var corner = Assert.Single(mine.GetProperty("items").EnumerateArray());
        Assert.Equal("Corner Shop", corner.GetProperty("clientName").GetString());
        Assert.Equal(12, corner.GetProperty("waitSeconds").GetDouble());
        Assert.Equal(180, corner.GetProperty("talkSeconds").GetDouble());
        Assert.Equal("recording stopped after 12 s: No space left on device", corner.GetProperty("recordingProblem").GetString());
        Assert.Equal(JsonValueKind.Null, all.GetProperty("items")[1].GetProperty("recordingProblem").ValueKind);
        Assert.Equal([ids.Arbat], Ids(myClients)); // Arbat Foods is 2001's client, though 1002 took the call
        Assert.Equal(HttpStatusCode.NotFound, notMine.StatusCode);
    }

    [Fact]
    public async Task CallLog_CsvExport_OneRowPerCallAndAudited()
    {
        var database = await fixture.NewDatabaseAsync();
        await using var host = await HostProcess.StartAsync(database);
        var ids = await SeedCallsAsync(database);
        using var head = host.CreateClient("3001", "pw3001");

        using var response = await head.GetAsync(new Uri("api/calls?format=csv&to=2026-11-21", UriKind.Relative));
        var lines = (await response.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        Assert.StartsWith("Id,Direction,CallerNumber,CallerE164,", lines[0], StringComparison.Ordinal);
        Assert.Equal(4, lines.Length);
        Assert.Contains(lines, l => l.StartsWith(ids.Arbat.ToString(), StringComparison.Ordinal)
            && l.Contains(",+74951000001,", StringComparison.Ordinal) && l.Contains(",Arbat Foods,", StringComparison.Ordinal)
            && l.Contains("2026-11-20T10:00:00.0000000+00:00", StringComparison.Ordinal));
        await using var db = CrmDatabaseFixture.CreateContext(database);
        Assert.True(await db.Audit.AnyAsync(a => a.UserName == "3001" && a.Action == "export" && a.EntityType == "calls"));
    }

    [Fact]
    public async Task CallLog_BadFiltersOrNoSignIn_ClearRefusals()
    {
        await using var host = await HostProcess.StartAsync(await fixture.NewDemoDatabaseAsync());
        using var admin = host.CreateClient("admin", "admin-demo");
        using var anonymous = host.CreateClient();

        using var badDate = await admin.GetAsync(new Uri("api/calls?from=yesterday&outcome=lost&pageSize=5000", UriKind.Relative));
        var problem = await badDate.Content.ReadFromJsonAsync<JsonElement>();
        using var reversed = await admin.GetAsync(new Uri("api/calls?from=2026-11-21&to=2026-11-20", UriKind.Relative));
        using var signedOut = await anonymous.GetAsync(new Uri("api/calls", UriKind.Relative));

        Assert.Equal(HttpStatusCode.BadRequest, badDate.StatusCode);
        var errors = problem.GetProperty("errors");
        Assert.Contains("'yesterday' is not a date", errors.GetProperty("from")[0].GetString(), StringComparison.Ordinal);
        Assert.Contains("answered", errors.GetProperty("outcome")[0].GetString(), StringComparison.Ordinal);
        Assert.True(errors.TryGetProperty("pageSize", out _));
        Assert.Equal(HttpStatusCode.BadRequest, reversed.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, signedOut.StatusCode);
    }

    [Fact]
    public async Task Disposition_AnsweringAgentSetsIt_ShownInListDetailAndCsvAndAudited()
    {
        var database = await fixture.NewDatabaseAsync();
        await using var host = await HostProcess.StartAsync(database);
        var ids = await SeedCallsAsync(database);
        using var operator1 = host.CreateClient("1001", "pw1001");
        using var head = host.CreateClient("3001", "pw3001");

        var choices = await operator1.GetFromJsonAsync<JsonElement>("api/calls/dispositions");
        using var set = await operator1.PutAsJsonAsync($"api/calls/{ids.Corner}/disposition", new { disposition = "Order-Taken", note = " 20 boxes " });
        var detail = await GetAsync(operator1, $"api/calls/{ids.Corner}");
        var list = await GetAsync(head, "api/calls?agent=1001");
        using var csv = await head.GetAsync(new Uri("api/calls?format=csv&agent=1001", UriKind.Relative));
        var lines = (await csv.Content.ReadAsStringAsync()).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);

        Assert.Contains(choices.EnumerateArray(), c => c.GetProperty("code").GetString() == "no-sale" && c.GetProperty("label").GetString() == "No sale");
        Assert.Equal(HttpStatusCode.OK, set.StatusCode);
        Assert.Equal("order-taken", detail.GetProperty("summary").GetProperty("disposition").GetString());
        Assert.Equal("20 boxes", detail.GetProperty("summary").GetProperty("dispositionNote").GetString());
        Assert.Equal("order-taken", list.GetProperty("items")[0].GetProperty("disposition").GetString());
        Assert.EndsWith(",Disposition,DispositionNote", lines[0], StringComparison.Ordinal);
        Assert.EndsWith(",order-taken,20 boxes", lines[1], StringComparison.Ordinal);
        await using var db = CrmDatabaseFixture.CreateContext(database);
        Assert.True(await db.Audit.AnyAsync(a => a.UserName == "1001" && a.Action == "disposition" && a.EntityId == ids.Corner.ToString()));
        var stored = await db.Calls.SingleAsync(c => c.Id == ids.Corner);
        Assert.Equal("1001", stored.DispositionBy);
    }

    [Fact]
    public async Task Disposition_SomeoneElsesCallOrBadInput_ClearRefusals()
    {
        var database = await fixture.NewDatabaseAsync();
        await using var host = await HostProcess.StartAsync(database);
        var ids = await SeedCallsAsync(database);
        using var operator1 = host.CreateClient("1001", "pw1001");
        using var manager = host.CreateClient("2001", "pw2001");
        using var head = host.CreateClient("3001", "pw3001");

        using var notVisible = await operator1.PutAsJsonAsync($"api/calls/{ids.Arbat}/disposition", new { disposition = "no-sale" });
        using var notAnswerer = await manager.PutAsJsonAsync($"api/calls/{ids.Arbat}/disposition", new { disposition = "no-sale" });
        using var unknown = await operator1.PutAsJsonAsync($"api/calls/{ids.Corner}/disposition", new { disposition = "sold-a-car", note = new string('x', 501) });
        var problem = await unknown.Content.ReadFromJsonAsync<JsonElement>();
        using var nulNote = await operator1.PutAsJsonAsync($"api/calls/{ids.Corner}/disposition", new { disposition = "no-sale", note = "a\u0000b" });
        using var byHead = await head.PutAsJsonAsync($"api/calls/{ids.Arbat}/disposition", new { disposition = "complaint" });

        Assert.Equal(HttpStatusCode.NotFound, notVisible.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, notAnswerer.StatusCode); // 2001 sees Arbat's calls (their client) but did not answer this one
        Assert.Contains("(1002)", await notAnswerer.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        Assert.Contains("order-taken", problem.GetProperty("errors").GetProperty("disposition")[0].GetString(), StringComparison.Ordinal);
        Assert.Contains("500", problem.GetProperty("errors").GetProperty("note")[0].GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, nulNote.StatusCode); // PostgreSQL refuses NUL: a 400 naming the field, not a 500
        Assert.Contains("control characters", await nulNote.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, byHead.StatusCode);
    }

    [Fact]
    public async Task CallLog_Mine_OnlyTheCallsTheUsersExtensionAnswered()
    {
        var database = await fixture.NewDatabaseAsync();
        await using var host = await HostProcess.StartAsync(database);
        var ids = await SeedCallsAsync(database);
        Guid headsCall;
        await using (var db = CrmDatabaseFixture.CreateContext(database))
        {
            var call = Answered("+74951000002", await db.Clients.Where(c => c.Name == "Volga Trade").Select(c => c.Id).SingleAsync(), Day.AddHours(3), "3001");
            db.Calls.Add(call);
            await db.SaveChangesAsync();
            headsCall = call.Id;
        }

        using var head = host.CreateClient("3001", "pw3001");
        using var operator1 = host.CreateClient("1001", "pw1001");

        var everyCall = await GetAsync(head, "api/calls");
        var headsOwn = await GetAsync(head, "api/calls?mine=true");
        var operatorsOwn = await GetAsync(operator1, "api/calls?mine=true");
        using var both = await head.GetAsync(new Uri("api/calls?mine=true&agent=1001", UriKind.Relative));

        Assert.Equal(4, everyCall.GetProperty("totalCount").GetInt32());
        Assert.Equal([headsCall], Ids(headsOwn));
        Assert.Equal([ids.Corner], Ids(operatorsOwn));
        Assert.Equal(HttpStatusCode.BadRequest, both.StatusCode);
    }

    private static async Task<JsonElement> GetAsync(HttpClient client, string path)
    {
        using var response = await client.GetAsync(new Uri(path, UriKind.Relative));
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private static Guid[] Ids(JsonElement page) =>
        [.. page.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetGuid())];

    /// <summary>Three finished calls of one morning: Corner Shop answered by 1001, Arbat Foods by 1002, an unknown caller who gave up.</summary>
    private static async Task<(Guid Corner, Guid Arbat, Guid Abandoned)> SeedCallsAsync(string database)
    {
        await using var db = CrmDatabaseFixture.CreateContext(database);
        var clients = await db.Clients.Where(c => c.Name == "Corner Shop" || c.Name == "Arbat Foods").ToDictionaryAsync(c => c.Name, c => c.Id);
        var corner = Answered("+74951000003", clients["Corner Shop"], Day, "1001");
        corner.RecordingProblem = "recording stopped after 12 s: No space left on device";
        var arbat = Answered("+74951000001", clients["Arbat Foods"], Day.AddHours(1), "1002");
        var abandoned = new CallRecord
        {
            Id = Guid.NewGuid(), Direction = CallDirection.Inbound, CallerNumber = "84957770000", CallerE164 = "+74957770000", DialedNumber = "7000",
            ReceivedAt = Day.AddHours(2), EndedAt = Day.AddHours(2).AddSeconds(40), EndedBy = CallEndedBy.Caller, Outcome = "abandoned",
            QueueName = "operators", RuleName = "operator-queue",
        };
        db.Calls.AddRange(corner, arbat, abandoned);
        await db.SaveChangesAsync();
        return (corner.Id, arbat.Id, abandoned.Id);
    }

    private static CallRecord Answered(string e164, Guid clientId, DateTimeOffset at, string agent) => new()
    {
        Id = Guid.NewGuid(), Direction = CallDirection.Inbound, CallerNumber = "8" + e164[2..], CallerE164 = e164, DialedNumber = "7000",
        ClientId = clientId, ReceivedAt = at, AnsweredAt = at.AddSeconds(12), EndedAt = at.AddSeconds(192), AnsweredBy = agent,
        EndedBy = CallEndedBy.Agent, Outcome = "answered", RuleName = "operator-queue", RoutingTrace = """{"rule":"operator-queue"}""",
    };
}
