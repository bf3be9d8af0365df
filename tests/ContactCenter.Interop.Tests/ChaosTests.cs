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
