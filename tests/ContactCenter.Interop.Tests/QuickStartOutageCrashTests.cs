using ContactCenter.Crm.Model;
using ContactCenter.TestKit;
using Microsoft.EntityFrameworkCore;

namespace ContactCenter.Interop.Tests;

/// <summary>
/// Issue #15 on one machine (the Quick start: the CRM in the host's process, no broker): calls finished while PostgreSQL
/// was down wait in the engine's spool; a crash (SIGKILL) right after the database returns, before the call log caught up,
/// must not lose them - the CRM's cursor on the spool moves only after the database has the events, so the restarted
/// host replays them. (Before, the spool's checkpoint moved when the in-memory bus took the events, and a kill lost
/// the records the bus still held for retry.) Its own PostgreSQL server, stopped and started by the test.
/// </summary>
[Trait("Category", "Interop")]
public sealed class QuickStartOutageCrashTests(CrmDatabaseFixture fixture) : IClassFixture<CrmDatabaseFixture>
{
    private static readonly string[] Callers = ["84957770041", "84957770042", "84957770043"];

    [Fact]
    public async Task CallsDuringADatabaseOutage_HostKilledAsItReturns_EveryRecordCompleteOnceAfterTheRestart()
    {
        await using var rig = await CallRig.StartAsync(fixture);
        await rig.AddAgentAsync("1001", "agent-answer.xml");
        await fixture.Server.StopAsync();
        try
        {
            foreach (var caller in Callers)
            {
                var call = await rig.CallAsync("trunk-call.xml", caller: caller, pause: TimeSpan.FromSeconds(1));
                Assert.True(call.ExitCode == 0, "a call during the outage failed:\n" + rig.Diagnostics(call));
            }
        }
        finally
        {
            await fixture.Server.RestartAsync();
        }

        await rig.CrashAndRestartAsync();

        foreach (var caller in Callers)
        {
            var e164 = "+7" + caller[1..];
            var records = await WaitForRecordsAsync(rig, e164);
            var record = Assert.Single(records);
            Assert.True(record is { Outcome: "answered", AnsweredBy: "1001", EndedAt: not null },
                $"{e164}: outcome {record.Outcome}, answered by {record.AnsweredBy}, ended {record.EndedAt}\n{rig.Host.Output}");
            foreach (var type in new[] { "CallReceived", "CallAnswered", "CallEnded" })
            {
                Assert.True(record.Timeline.Count(e => e.Type == type) == 1,
                    $"{e164}: {type} x{record.Timeline.Count(e => e.Type == type)}; timeline: {string.Join(", ", record.Timeline.Select(e => e.Type))}");
            }
        }
    }

    // The caller's records once one has ended (a minute at most: the restarted host replays the spool first thing).
    private static async Task<List<CallRecord>> WaitForRecordsAsync(CallRig rig, string e164)
    {
        for (var i = 0; i < 600; i++)
        {
            await using var db = CrmDatabaseFixture.CreateContext(rig.ConnectionString);
            var calls = await db.Calls.AsNoTracking().Include(c => c.Timeline).Where(c => c.CallerE164 == e164).ToListAsync();
            if (calls.Count > 0 && calls.All(c => c.EndedAt is not null && c.AnsweredBy is not null))
            {
                return calls;
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"No complete record of the call from {e164} after the restart:\n{rig.Host.Output}");
    }
}
