using System.Globalization;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using ContactCenter.Crm.Model;
using ContactCenter.TestKit;
using Microsoft.EntityFrameworkCore;

namespace ContactCenter.Interop.Tests;

/// <summary>
/// A running host whose trunk is a sipp on a known port, plus sipp agents registered as demo extensions:
/// the pieces of an end-to-end call test.
/// </summary>
internal sealed partial class CallRig : IAsyncDisposable
{
    private readonly List<SippAgent> _agents = [];
    private readonly string[] _arguments;
    private string? _crashedSpool;

    private CallRig(HostProcess host, string connectionString, int trunkPort, string recordings, string[] arguments)
    {
        Recordings = recordings;
        Host = host;
        ConnectionString = connectionString;
        TrunkPort = trunkPort;
        _arguments = arguments;
    }

    public HostProcess Host { get; private set; }

    public string ConnectionString { get; }

    public int TrunkPort { get; }

    /// <summary>The folder the host records calls into (deleted on dispose).</summary>
    public string Recordings { get; }

    /// <summary>Starts the host with the trunk on a free port; <paramref name="arguments"/> add settings (e.g. ring timeout).</summary>
    public static async Task<CallRig> StartAsync(CrmDatabaseFixture fixture, params string[] arguments)
    {
        var connectionString = await fixture.NewDemoDatabaseAsync();
        var trunkPort = FreePorts.Next();
        var recordings = Path.Combine(Path.GetTempPath(), "cc-rec-" + Guid.NewGuid().ToString("N")[..8]);
        string[] all = [$"--Sip:Trunk:Port={trunkPort}", $"--Sip:Recording:Directory={recordings}", .. arguments];
        var host = await HostProcess.StartAsync(connectionString, all);
        return new CallRig(host, connectionString, trunkPort, recordings, all);
    }

    /// <summary>
    /// Kills the host (SIGKILL, as a crash) and starts it again as a supervisor would: same database, settings, SIP port
    /// and spool folder (its crash-recovery journal with it).
    /// </summary>
    public async Task CrashAndRestartAsync()
    {
        var spool = Host.OwnSpool ?? throw new InvalidOperationException("The rig's host has no spool folder of its own.");
        var sipPort = Host.SipPort;
        await Host.KillAsync();
        _crashedSpool = spool;
        Host = await HostProcess.StartAsync(ConnectionString, [.. _arguments, $"{HostProcess.SpoolSetting}={spool}"], sipPort: sipPort);
    }

    /// <summary>Starts a sipp agent as <paramref name="extension"/> answering with <paramref name="scenario"/>, and waits for its registration.</summary>
    public Task<SippAgent> AddAgentAsync(string extension, string scenario, params string[] keys) => AddAgentAsync(extension, scenario, tcp: false, keys);

    /// <summary>As <see cref="AddAgentAsync(string, string, string[])"/>; with <paramref name="tcp"/> the phone registers (and is called) over TCP.</summary>
    public async Task<SippAgent> AddAgentAsync(string extension, string scenario, bool tcp, params string[] keys)
    {
        var agent = SippAgent.Start(extension, Host.SipTarget, scenario, TimeSpan.FromSeconds(90), keys: keys, tcp: tcp);
        _agents.Add(agent);
        await WaitRegisteredAsync(extension, () => agent.Output);
        return agent;
    }

    /// <summary>Waits until <paramref name="extension"/> shows a registered contact in the API.</summary>
    public Task WaitRegisteredAsync(string extension, Func<string> phoneOutput) => Host.WaitRegisteredAsync(extension, phoneOutput);

    /// <summary>
    /// The carrier calls <paramref name="dialed"/> from <paramref name="caller"/> with <paramref name="scenario"/>; -d is
    /// <paramref name="pause"/>; sipp gives up after <paramref name="timeout"/> (60 s).
    /// </summary>
    public Task<SippResult> CallAsync(string scenario, string dialed = "7000", string caller = "84951000001", TimeSpan? pause = null,
        bool tcp = false, TimeSpan? timeout = null, params string[] keys) =>
        Sipp.RunAsync(Sipp.Scenario(scenario), Host.SipTarget, TrunkPort, tcp, extraArguments:
        [
            "-key", "dialed", dialed, "-key", "caller", caller, "-mp", FreePorts.Next().ToString(CultureInfo.InvariantCulture),
            "-d", ((int)(pause ?? TimeSpan.FromSeconds(1)).TotalMilliseconds).ToString(CultureInfo.InvariantCulture), .. keys,
        ], timeout: timeout ?? TimeSpan.FromSeconds(60));

    /// <summary>As <see cref="CallAsync"/>, from another carrier's port (a trunk added at run time).</summary>
    public Task<SippResult> CallAsyncFrom(int localPort, string scenario, string dialed, string caller = "84951000001", params string[] keys) =>
        Sipp.RunAsync(Sipp.Scenario(scenario), Host.SipTarget, localPort, extraArguments:
        [
            "-key", "dialed", dialed, "-key", "caller", caller, "-mp", FreePorts.Next().ToString(CultureInfo.InvariantCulture), "-d", "1000", .. keys,
        ], timeout: TimeSpan.FromSeconds(60));

    /// <summary>The CRM's record of the one call, once it has ended (the call log is fed by the engine's events over the bus).</summary>
    public async Task<CallRecord> WaitForEndedCallAsync(bool withRecording = false)
    {
        for (var i = 0; i < 150; i++)
        {
            await using var db = CrmDatabaseFixture.CreateContext(ConnectionString);
            var call = await db.Calls.AsNoTracking().Include(c => c.Timeline)
                .SingleOrDefaultAsync(c => c.EndedAt != null && (!withRecording || c.RecordingPath != null));
            if (call is not null)
            {
                return call;
            }

            await Task.Delay(100);
        }

        throw new TimeoutException("No ended call reached the call log:\n" + Host.Output);
    }

    /// <summary>The CRM's record of the ended call from <paramref name="callerE164"/> (the newest, when there are several).</summary>
    public async Task<CallRecord> WaitForEndedCallFromAsync(string callerE164, int skip = 0)
    {
        for (var i = 0; i < 150; i++)
        {
            await using var db = CrmDatabaseFixture.CreateContext(ConnectionString);
            var calls = await db.Calls.AsNoTracking().Include(c => c.Timeline)
                .Where(c => c.EndedAt != null && c.CallerE164 == callerE164).OrderBy(c => c.ReceivedAt).ToListAsync();
            if (calls.Count > skip)
            {
                return calls[skip];
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"No ended call from {callerE164} reached the call log:\n" + Host.Output);
    }

    /// <summary>Waits for a live call in the engine's API (answered when <paramref name="answered"/>) and returns its id.</summary>
    public static Task<Guid> WaitForLiveCallAsync(HttpClient client, bool answered) => LiveCalls.WaitForAsync(client, answered);

    /// <summary>Waits until the engine has finished every call's clean-up (no live call in the API).</summary>
    public static async Task WaitForNoLiveCallsAsync(HttpClient client)
    {
        for (var i = 0; i < 150; i++)
        {
            if ((await client.GetFromJsonAsync<List<LiveCallDto>>("api/live-calls"))!.Count == 0)
            {
                return;
            }

            await Task.Delay(100);
        }

        throw new TimeoutException("Calls stayed in /api/live-calls.");
    }

    /// <summary>
    /// The media summary the engine logged at the end of the call (<paramref name="index"/>: of the calls in order). Waits
    /// for it up to 10 s: the call's BYE leaves before its clean-up logs the summary, so a peer can finish first.
    /// </summary>
    public async Task<MediaSummary> ReadMediaSummaryAsync(int index = 0)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (MediaLine().Count(Host.Output) <= index && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100);
        }

        var matches = MediaLine().Matches(Host.Output);
        Assert.True(matches.Count > index, "no media summary in the log:\n" + Host.Output);
        var match = matches[index];
        long Read(string name) => long.Parse(match.Groups[name].Value, CultureInfo.InvariantCulture);
        return new MediaSummary(Read("callerSent"), Read("toCallee"), Read("calleeSent"), Read("toCaller"))
        {
            CallerRejected = Read("callerRejected"),
            CalleeRejected = Read("calleeRejected"),
            CallerProfile = match.Groups["callerProfile"].Value,
            CalleeProfile = match.Groups["calleeProfile"].Value,
        };
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        foreach (var agent in _agents)
        {
            await agent.DisposeAsync();
        }

        await Host.DisposeAsync();
        if (_crashedSpool is not null && Directory.Exists(_crashedSpool))
        {
            Directory.Delete(_crashedSpool, recursive: true);
        }

        if (Directory.Exists(Recordings))
        {
            Directory.Delete(Recordings, recursive: true);
        }
    }

    /// <summary>What everyone involved printed, for a failure message.</summary>
    public string Diagnostics(SippResult? caller = null) =>
        $"caller sipp:\n{caller?.Output}{caller?.Errors}\n--- agents:\n{string.Join("\n", _agents.Select(a => a.Extension + ": " + a.Output))}\n--- host:\n{Host.Output}";

    [GeneratedRegex(@"media: caller sent (?<callerSent>\d+) packets, callee got (?<toCallee>\d+); callee sent (?<calleeSent>\d+), caller got (?<toCaller>\d+); lost \d+/\d+; rejected (?<callerRejected>\d+)/(?<calleeRejected>\d+); (?<callerProfile>S?RTP)/(?<calleeProfile>S?RTP)")]
    private static partial Regex MediaLine();

    private sealed record LiveCallDto(Guid CallId, string Phase);
}

/// <summary>Packets each way through the relay for one call.</summary>
internal sealed record MediaSummary(long CallerSent, long ToCallee, long CalleeSent, long ToCaller)
{
    /// <summary>Packets the relay refused on the caller's leg (wrong source, not RTP, failed SRTP authentication).</summary>
    public long CallerRejected { get; init; }

    /// <summary>Packets the relay refused on the callee's leg.</summary>
    public long CalleeRejected { get; init; }

    /// <summary>The caller leg's profile: RTP or SRTP.</summary>
    public string CallerProfile { get; init; } = "RTP";

    /// <summary>The callee leg's profile: RTP or SRTP.</summary>
    public string CalleeProfile { get; init; } = "RTP";
}
