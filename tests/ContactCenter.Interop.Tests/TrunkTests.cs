using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ContactCenter.TestKit;
using Microsoft.EntityFrameworkCore;

namespace ContactCenter.Interop.Tests;

/// <summary>
/// Issue #17, trunks as data: an admin adds carriers through the API (validated field by field, audited, the password
/// never shown), sipp as a carrier calls one of a trunk's numbers (DIDs) and reaches the service it maps to, an unknown
/// number gets 404, and a click-to-call goes out through the second trunk when the first answers 503, audio flowing.
/// </summary>
[Collection(RoutingCollection.Name)]
[Trait("Category", "Interop")]
public sealed class TrunkTests(CrmDatabaseFixture fixture)
{
    private const string Password = "trunk-s3cret-pw";

    [Fact]
    public async Task Admin_AddsTrunkWithNumbers_CarrierCallsADid_ReachesItsService_UnknownNumber404()
    {
        await using var rig = await CallRig.StartAsync(fixture);
        await rig.AddAgentAsync("1001", "agent-answer.xml");
        using var admin = rig.Host.CreateClient("admin", "admin-demo");
        using var operatorClient = rig.Host.CreateClient("1001", "pw1001");
        var carrierPort = FreePorts.Next();

        using var bad = await admin.PostAsJsonAsync("api/sip/trunks", new
        {
            name = "bad name!", address = "carrier.example", port = 70_000, callerId = "123", prefixes = new[] { "7495" },
            numbers = new[] { new { number = "74951234500", target = "9999" } },
        });
        using var created = await admin.PostAsJsonAsync("api/sip/trunks", new
        {
            name = "carrier-b", address = "127.0.0.1", port = carrierPort, authUser = "cc-b", password = Password, prefixes = new[] { "+7" },
            priority = 50, numbers = new[] { new { number = "74951234500", target = "7000" }, new { number = "74951234501", target = "1002" } },
        });
        using var again = await admin.PostAsJsonAsync("api/sip/trunks", new { name = "carrier-b", address = "127.0.0.1" });
        using var configured = await admin.PutAsJsonAsync("api/sip/trunks/trunk", new { address = "127.0.0.1" });
        using var byOperator = await operatorClient.GetAsync(new Uri("api/sip/trunks", UriKind.Relative));
        var listed = await admin.GetStringAsync(new Uri("api/sip/trunks", UriKind.Relative));

        var call = await rig.CallAsyncFrom(carrierPort, "trunk-call.xml", dialed: "74951234500", caller: "84951000003");
        var unknown = await rig.CallAsyncFrom(carrierPort, "trunk-unknown-number.xml", dialed: "74959999999");
        // A change without the password keeps it, moves one number to 7001 and drops the other; then the trunk goes, its numbers with it.
        using var changed = await admin.PutAsJsonAsync("api/sip/trunks/carrier-b", new
        {
            address = "127.0.0.1", port = carrierPort, authUser = "cc-b", prefixes = new[] { "+7" },
            numbers = new[] { new { number = "74951234500", target = "7001" } },
        });
        var afterChange = await changed.Content.ReadFromJsonAsync<JsonElement>();
        var removedNumber = await rig.CallAsyncFrom(carrierPort, "trunk-unknown-number.xml", dialed: "74951234501");
        using var deleted = await admin.DeleteAsync(new Uri("api/sip/trunks/carrier-b", UriKind.Relative));
        var afterDelete = await admin.GetStringAsync(new Uri("api/sip/trunks", UriKind.Relative));

        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var errors = (await bad.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.All(new[] { "name", "address", "port", "callerId", "prefixes", "numbers" }, f => Assert.True(errors.TryGetProperty(f, out _), f + ": " + errors));
        Assert.True(created.StatusCode == HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, configured.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, byOperator.StatusCode);
        var trunks = JsonDocument.Parse(listed).RootElement.EnumerateArray().ToDictionary(t => t.GetProperty("name").GetString()!);
        Assert.Equal(("configuration", true), (trunks["trunk"].GetProperty("source").GetString(), trunks["trunk"].GetProperty("readOnly").GetBoolean()));
        Assert.True(trunks["carrier-b"].GetProperty("hasPassword").GetBoolean());
        Assert.DoesNotContain(Password, listed, StringComparison.Ordinal);

        Assert.True(call.ExitCode == 0, rig.Diagnostics(call));
        Assert.True(unknown.ExitCode == 0, "an unknown DID must get 404: " + rig.Diagnostics(unknown));
        var record = await rig.WaitForEndedCallAsync();
        Assert.Equal(("carrier-b", "7000", "1001"), (record.Trunk, record.DialedNumber, record.AnsweredBy));
        var received = JsonDocument.Parse(record.Timeline.Single(e => e.Type == "CallReceived").Data).RootElement;
        Assert.Equal("74951234500", received.GetProperty("did").GetString());
        Assert.DoesNotContain(Password, rig.Host.Output, StringComparison.Ordinal);
        await using var db = CrmDatabaseFixture.CreateContext(rig.ConnectionString);
        Assert.True(changed.StatusCode == HttpStatusCode.OK, afterChange.ToString());
        Assert.True(afterChange.GetProperty("hasPassword").GetBoolean());
        Assert.Equal("7001", Assert.Single(afterChange.GetProperty("numbers").EnumerateArray()).GetProperty("target").GetString());
        Assert.True(removedNumber.ExitCode == 0, "a number taken off the trunk must get 404: " + rig.Diagnostics(removedNumber));
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.DoesNotContain("carrier-b", afterDelete, StringComparison.Ordinal);
        var audit = await db.Audit.Where(a => a.EntityType == "trunk").OrderBy(a => a.At).ToListAsync();
        Assert.Equal(["create", "update", "delete"], audit.Select(a => a.Action));
        Assert.All(audit, a => Assert.DoesNotContain(Password, a.Details ?? "", StringComparison.Ordinal));
        Assert.Empty(db.TrunkNumbers);
    }

    [Fact]
    public async Task RegistrationCarrier_TwoNumbers_RegistersFromTheConsole_EachNumberReachesItsTarget_Metrics()
    {
        await using var carrier = await KamailioCarrier.StartAsync();
        await using var rig = await CallRig.StartAsync(fixture);
        await rig.AddAgentAsync("1001", "agent-answer.xml");
        await rig.AddAgentAsync("1002", "agent-answer.xml");
        using var admin = rig.Host.CreateClient("admin", "admin-demo");

        using var created = await admin.PostAsJsonAsync("api/sip/trunks", new
        {
            name = "carrier", address = "127.0.0.1", port = carrier.Port, authUser = carrier.Account, password = carrier.Password,
            register = true, registerExpires = 120,
            numbers = new[] { new { number = "74951234500", target = "7000" }, new { number = "74951234501", target = "1002" } },
        });
        Assert.True(created.StatusCode == HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        var registration = await WaitForRegisteredAsync(admin, "carrier", rig);
        // The carrier delivers both numbers to our registered contact; the number called stays in To.
        var orders = await CallThroughAsync(carrier, "74951234500", "84951000003");
        var direct = await CallThroughAsync(carrier, "74951234501", "84951000001");

        Assert.True(registration.GetProperty("expiresAt").GetDateTimeOffset() > DateTimeOffset.UtcNow);
        Assert.Contains($"carrier: {carrier.Account} registered", carrier.Output, StringComparison.Ordinal);
        Assert.True(orders.ExitCode == 0, rig.Diagnostics(orders) + "\n--- kamailio:\n" + carrier.Output);
        Assert.True(direct.ExitCode == 0, rig.Diagnostics(direct) + "\n--- kamailio:\n" + carrier.Output);
        var toService = await rig.WaitForEndedCallFromAsync("+74951000003");
        Assert.Equal(("carrier", "7000", "operator-queue"), (toService.Trunk, toService.DialedNumber, toService.RuleName));
        var toExtension = await rig.WaitForEndedCallFromAsync("+74951000001");
        Assert.Equal(("carrier", "1002"), (toExtension.Trunk, toExtension.AnsweredBy));
        var metrics = await admin.GetStringAsync(new Uri("/metrics", UriKind.Relative));
        Assert.Matches("""trunk_calls_total\{[^}]*trunk="carrier"[^}]*\} 2""", metrics);
        Assert.Matches("""sip_outbound_registrations\{[^}]*name="carrier"[^}]*state="registered"[^}]*\} 1""", metrics);
        Assert.DoesNotContain(carrier.Password, rig.Host.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ClickToCall_FirstTrunkAnswers503_SecondCarriesIt_AudioFlows_RecordNamesTheTrunk()
    {
        await using var rig = await CallRig.StartAsync(fixture);
        await rig.AddAgentAsync("1002", "agent-answer.xml");
        using var admin = rig.Host.CreateClient("admin", "admin-demo");
        using var operatorClient = rig.Host.CreateClient("1002", "pw1002");
        var (firstPort, secondPort) = (FreePorts.Next(), FreePorts.Next());
        var first = Sipp.RunAsync(Sipp.Scenario("trunk-503.xml"), rig.Host.SipTarget, firstPort,
            timeout: TimeSpan.FromSeconds(40));
        var second = Sipp.RunAsync(Sipp.Scenario("trunk-answer-play.xml"), rig.Host.SipTarget, secondPort,
            extraArguments: ["-mp", FreePorts.Next().ToString(CultureInfo.InvariantCulture)], timeout: TimeSpan.FromSeconds(40));
        await Task.Delay(500);
        foreach (var (name, port, priority) in new[] { ("first", firstPort, 10), ("second", secondPort, 20) })
        {
            using var made = await admin.PostAsJsonAsync("api/sip/trunks", new
            {
                name, address = "127.0.0.1", port, priority, prefixes = new[] { "+7495" }, callerId = "+74951234599",
            });
            Assert.True(made.StatusCode == HttpStatusCode.Created, await made.Content.ReadAsStringAsync());
        }

        using var placed = await operatorClient.PostAsJsonAsync("api/live-calls", new { number = "8 (495) 100-00-03" });
        Assert.Equal(HttpStatusCode.Accepted, placed.StatusCode);
        var live = await CallRig.WaitForLiveCallAsync(operatorClient, answered: true);
        await Task.Delay(TimeSpan.FromSeconds(6)); // the client's 4.7 s of speech, echoed by the agent
        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"api/live-calls/{live}")).StatusCode);
        var refused = await first;
        var answered = await second;

        Assert.True(refused.ExitCode == 0, "the first trunk must be offered the call: " + rig.Diagnostics(refused));
        Assert.True(answered.ExitCode == 0, "the second trunk must carry it: " + rig.Diagnostics(answered));
        var record = await rig.WaitForEndedCallAsync();
        Assert.Equal(("second", "1002", "+74951000003"), (record.Trunk, record.AnsweredBy, record.DialedNumber));
        Assert.Contains(record.Timeline, e => e.Type == "CallOfferFailed" && e.Data.Contains("trunk first; trying trunk second", StringComparison.Ordinal));
        var media = await rig.ReadMediaSummaryAsync();
        Assert.True(media is { CallerSent: > 200, ToCallee: > 200, CalleeSent: > 200, ToCaller: > 200 }, $"audio both ways: {media}");
    }

    private static Task<SippResult> CallThroughAsync(KamailioCarrier carrier, string dialed, string caller) =>
        Sipp.RunAsync(Sipp.Scenario("trunk-call.xml"), carrier.Target, FreePorts.Next(), extraArguments:
            ["-key", "dialed", dialed, "-key", "caller", caller, "-mp", FreePorts.Next().ToString(CultureInfo.InvariantCulture), "-d", "1000"],
            timeout: TimeSpan.FromSeconds(60));

    private static async Task<JsonElement> WaitForRegisteredAsync(HttpClient admin, string trunk, CallRig rig)
    {
        var last = "";
        for (var i = 0; i < 100; i++)
        {
            last = await admin.GetStringAsync(new Uri("api/sip/trunks", UriKind.Relative));
            var found = JsonDocument.Parse(last).RootElement.EnumerateArray().Single(t => t.GetProperty("name").GetString() == trunk);
            if (found.GetProperty("registration") is { ValueKind: JsonValueKind.Object } registration && registration.GetProperty("state").GetString() == "registered")
            {
                return registration;
            }

            await Task.Delay(200);
        }

        throw new TimeoutException($"trunk {trunk} did not register: {last}\n{rig.Host.Output}");
    }
}
