using System.Globalization;
using ContactCenter.Crm.Model;
using ContactCenter.TestKit;
using Microsoft.EntityFrameworkCore;

namespace ContactCenter.Interop.Tests;

/// <summary>
/// One production-shaped installation for the chaos suite, shared by its tests: a PostgreSQL server and a RabbitMQ broker
/// of its own (so they can be stopped without disturbing other tests), the telephony host publishing to the broker, the
/// CRM service consuming from it, and three sipp operators (1001-1003) answering.
/// </summary>
public sealed class ChaosRig : IAsyncLifetime
{
    private readonly List<SippAgent> _agents = [];
    private string _recordings = "";

    /// <summary>The rig's own PostgreSQL.</summary>
    public PostgresServer Postgres { get; private set; } = null!;

    /// <summary>The rig's own broker.</summary>
    public RabbitMqServer Broker { get; private set; } = null!;

    /// <summary>The telephony host.</summary>
    public HostProcess Host { get; private set; } = null!;

    /// <summary>The CRM service (call log writer).</summary>
    public HostProcess Crm { get; private set; } = null!;

    /// <summary>The CRM database's connection string.</summary>
    public string ConnectionString { get; private set; } = "";

    /// <summary>The trunk's SIP port (sipp calls from it).</summary>
    public int TrunkPort { get; } = FreePorts.Next();

    /// <inheritdoc />
    public async Task InitializeAsync()
    {
        Postgres = await PostgresServer.StartAsync();
        await Postgres.CreateDatabaseAsync("chaos");
        ConnectionString = Postgres.ConnectionString("chaos");
        Broker = await RabbitMqServer.StartAsync();
        _recordings = BackgroundProcess.NewFolder("cc-chaos-rec-");
        Host = await HostProcess.StartAsync(ConnectionString,
        [
            $"--Sip:Trunk:Port={TrunkPort}", $"--Sip:Recording:Directory={_recordings}", $"--Bus:RabbitMq={Broker.Address}",
            "--Bus:CrmConsumers=false", "--Acd:WrapUp=00:00:00",
        ]);
        Crm = await HostProcess.StartCrmServiceAsync(ConnectionString, Broker.Address);
        foreach (var extension in new[] { "1001", "1002", "1003" })
        {
            var agent = SippAgent.Start(extension, Host.SipTarget, "agent-answer.xml", TimeSpan.FromMinutes(15));
            _agents.Add(agent);
            await Host.WaitRegisteredAsync(extension, () => agent.Output);
        }
    }

    /// <summary>
    /// The carrier places <paramref name="calls"/> calls from <paramref name="caller"/> to the operators' number, one every
    /// <paramref name="every"/>, each held <paramref name="hold"/> after the answer, at most three at once.
    /// </summary>
    public Task<SippResult> PlaceCallsAsync(string caller, int calls, TimeSpan every, TimeSpan hold) =>
        Sipp.RunAsync(Sipp.Scenario("trunk-call.xml"), Host.SipTarget, TrunkPort, calls: calls, extraArguments:
        [
            "-key", "dialed", "7000", "-key", "caller", caller, "-mp", FreePorts.Next().ToString(CultureInfo.InvariantCulture),
            "-d", ((int)hold.TotalMilliseconds).ToString(CultureInfo.InvariantCulture),
            "-r", "1", "-rp", ((int)every.TotalMilliseconds).ToString(CultureInfo.InvariantCulture), "-l", "3",
            "-default_behaviors", "all,-abortunexp",
        ], timeout: every * calls + hold + TimeSpan.FromSeconds(90));

    /// <summary>
    /// Waits (up to <paramref name="timeout"/>) until the call log holds <paramref name="expected"/> calls from
    /// <paramref name="callerE164"/> that are <paramref name="complete"/> and returns them with their timelines; as they are
    /// after the timeout. Complete, not just ended: an event the CRM took during the outage is retried with back-off (up to
    /// 30 s between tries), so a call's CallEnded may be written before its earlier CallAnswered - delayed, not lost.
    /// </summary>
    public async Task<List<CallRecord>> WaitForCompleteCallsAsync(string callerE164, int expected, Func<CallRecord, bool> complete, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        List<CallRecord> calls = [];
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                await using var db = CrmDatabaseFixture.CreateContext(ConnectionString);
                calls = await db.Calls.AsNoTracking().Include(c => c.Timeline).Where(c => c.CallerE164 == callerE164).ToListAsync();
                if (calls.Count(complete) >= expected)
                {
                    // A moment more, so a duplicate that would arrive late is seen too.
                    await Task.Delay(TimeSpan.FromSeconds(3));
                    await using var again = CrmDatabaseFixture.CreateContext(ConnectionString);
                    return await again.Calls.AsNoTracking().Include(c => c.Timeline).Where(c => c.CallerE164 == callerE164).ToListAsync();
                }
            }
            catch (Npgsql.NpgsqlException)
            {
                // still coming back
            }

            await Task.Delay(TimeSpan.FromSeconds(1));
        }

        return calls;
    }

    /// <summary>The readiness answer of the host now.</summary>
    public async Task<(int Status, string Body)> ReadinessAsync()
    {
        using var client = Host.CreateClient();
        using var response = await client.GetAsync(new Uri("health/ready", UriKind.Relative));
        return ((int)response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    /// <summary>What everyone printed, for a failure message.</summary>
    public string Diagnostics(SippResult? caller = null) =>
        $"caller sipp:\n{caller?.Output}{caller?.Errors}\n--- agents:\n{string.Join("\n", _agents.Select(a => a.Extension + ": " + a.Output))}"
        + $"\n--- host:\n{Host.Output}\n--- crm:\n{Crm.Output}";

    /// <inheritdoc />
    public async Task DisposeAsync()
    {
        foreach (var agent in _agents)
        {
            await agent.DisposeAsync();
        }

        await (Crm?.DisposeAsync() ?? ValueTask.CompletedTask);
        await (Host?.DisposeAsync() ?? ValueTask.CompletedTask);
        await (Broker?.DisposeAsync() ?? ValueTask.CompletedTask);
        await (Postgres?.DisposeAsync() ?? ValueTask.CompletedTask);
        if (Directory.Exists(_recordings))
        {
            Directory.Delete(_recordings, recursive: true);
        }
    }
}
