using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ContactCenter.Crm.Model;

namespace ContactCenter.Interop.Tests;

/// <summary>
/// Issue #15's chaos suite: the real host, the CRM service, PostgreSQL and RabbitMQ, sipp calls; a server behind telephony
/// is stopped for 60 s under traffic. No call may drop, new calls must be answered, and once the server is back every call
/// must be in the call log, complete, once. One rig for the class (its own servers), so it runs beside the other tests.
/// </summary>
[Trait("Category", "Interop")]
public sealed class ChaosTests(ChaosRig rig) : IClassFixture<ChaosRig>
{
    private const int Calls = 16;
    private static readonly TimeSpan Every = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan Hold = TimeSpan.FromSeconds(6);
    private static readonly TimeSpan Outage = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task PostgresStopped60s_UnderCalls_NoCallDroppedAndEveryRecordOnceAfterItReturns()
    {
        var traffic = rig.PlaceCallsAsync("84957770001", Calls, Every, Hold);
        await Task.Delay(TimeSpan.FromSeconds(8));
        await rig.Postgres.StopAsync();
        await Task.Delay(Outage / 2);
        var during = await rig.ReadinessAsync();
        await Task.Delay(Outage / 2);
        await rig.Postgres.RestartAsync();
        var caller = await traffic;

        var calls = await rig.WaitForCompleteCallsAsync("+74957770001", Calls, IsComplete, TimeSpan.FromMinutes(3));

        Assert.True(caller.ExitCode == 0, rig.Diagnostics(caller));
        Assert.Equal(200, during.Status);
        Assert.Contains("\"status\":\"Degraded\"", during.Body, StringComparison.Ordinal);
        AssertCompleteOnce(calls, rig.Diagnostics(caller));
    }

    [Fact]
    public async Task RabbitMqStopped60s_UnderCalls_NoCallDroppedAndEveryRecordOnceAfterItReturns()
    {
        var traffic = rig.PlaceCallsAsync("84957770002", Calls, Every, Hold);
        await Task.Delay(TimeSpan.FromSeconds(8));
        await rig.Broker.StopAsync();
        await Task.Delay(Outage / 2);
        var during = await rig.ReadinessAsync();
        await Task.Delay(Outage / 2);
        await rig.Broker.RestartAsync();
        var caller = await traffic;

        var calls = await rig.WaitForCompleteCallsAsync("+74957770002", Calls, IsComplete, TimeSpan.FromMinutes(3));

        Assert.True(caller.ExitCode == 0, rig.Diagnostics(caller));
        Assert.Equal(200, during.Status);
        Assert.Contains("\"status\":\"Degraded\"", during.Body, StringComparison.Ordinal);
        AssertCompleteOnce(calls, rig.Diagnostics(caller));
    }

    [Fact]
    public async Task PostgresStopped_AnAgentSignedInBefore_StillPlacesClickToCall_BasicClientsVerifiedBeforeGoOn_AndANewSignInIsToldTheCrmIsUnavailable()
    {
        using var handler = rig.Host.CreateHandler(new CookieContainer());
        using var desk = rig.Host.CreateClient(handler: handler);
        using (var login = await desk.PostAsJsonAsync("api/auth/login", new { userName = "1002", password = "pw1002" }))
        {
            Assert.Equal(HttpStatusCode.OK, login.StatusCode);
        }

        using (var me = await desk.GetAsync(new Uri("api/auth/me", UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.OK, me.StatusCode); // the database confirms the cookie once
        }

        using var integration = rig.Host.CreateClient("1001", "pw1001"); // HTTP Basic, as an integration calls the API
        using (var me = await integration.GetAsync(new Uri("api/auth/me", UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.OK, me.StatusCode); // the database verifies the credentials once
        }

        await rig.Postgres.StopAsync();
        try
        {
            using var placed = await desk.PostAsJsonAsync("api/live-calls", new { number = "84957770031" });
            var body = await placed.Content.ReadAsStringAsync();
            using var live = await desk.GetAsync(new Uri("api/live-calls", UriKind.Relative));
            var liveBody = await live.Content.ReadAsStringAsync();
            using var stranger = rig.Host.CreateClient(handler: rig.Host.CreateHandler(new CookieContainer()));
            using var newSignIn = await stranger.PostAsJsonAsync("api/auth/login", new { userName = "1003", password = "pw1003" });
            using var basicMe = await integration.GetAsync(new Uri("api/auth/me", UriKind.Relative));
            var basicMeBody = await basicMe.Content.ReadAsStringAsync();
            using var wrongPassword = rig.Host.CreateClient("1001", "not-the-password");
            using var guessed = await wrongPassword.GetAsync(new Uri("api/auth/me", UriKind.Relative));
            using var neverVerified = rig.Host.CreateClient("1003", "pw1003");
            using var unverified = await neverVerified.GetAsync(new Uri("api/auth/me", UriKind.Relative));

            Assert.True(placed.StatusCode == HttpStatusCode.Accepted, $"{(int)placed.StatusCode} {body}\n{rig.Diagnostics()}");
            var callId = JsonDocument.Parse(body).RootElement.GetProperty("callId").GetString();
            Assert.True(live.StatusCode == HttpStatusCode.OK && liveBody.Contains(callId!, StringComparison.Ordinal), $"{(int)live.StatusCode} {liveBody}");
            Assert.Equal(HttpStatusCode.ServiceUnavailable, newSignIn.StatusCode);
            Assert.Contains("CRM unavailable", await newSignIn.Content.ReadAsStringAsync(), StringComparison.Ordinal);
            // Basic credentials the database verified before the outage go on working (with the staff extension read
            // then); another password for them is refused; credentials never verified in this run cannot be checked.
            Assert.True(basicMe.StatusCode == HttpStatusCode.OK && basicMeBody.Contains("\"extension\":\"1001\"", StringComparison.Ordinal),
                $"{(int)basicMe.StatusCode} {basicMeBody}");
            Assert.Equal(HttpStatusCode.Unauthorized, guessed.StatusCode);
            Assert.Equal(HttpStatusCode.ServiceUnavailable, unverified.StatusCode);
        }
        finally
        {
            await rig.Postgres.RestartAsync();
        }
    }

    private static readonly string[] LifecycleEvents = ["CallReceived", "CallAnswered", "CallEnded"];

    // Answered by an operator and ended, with exactly one of each lifecycle event.
    private static bool IsComplete(CallRecord call) =>
        call.EndedAt is not null && call.AnsweredBy is "1001" or "1002" or "1003" && call.Outcome == "answered"
        && LifecycleEvents.All(type => call.Timeline.Count(e => e.Type == type) == 1);

    // Every call complete: nothing lost, nothing twice. A failure prints the call's whole timeline.
    private static void AssertCompleteOnce(List<CallRecord> calls, string diagnostics)
    {
        Assert.True(calls.Count == Calls, $"{calls.Count} call records instead of {Calls}\n{diagnostics}");
        foreach (var call in calls)
        {
            Assert.True(IsComplete(call),
                $"call {call.Id}: ended {call.EndedAt}, answered by {call.AnsweredBy}, outcome {call.Outcome}; timeline:\n"
                + string.Join("\n", call.Timeline.OrderBy(e => e.Sequence).Select(e => $"  {e.Sequence} {e.OccurredAt:O} {e.Type}")));
        }
    }
}
