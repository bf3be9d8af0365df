using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using ContactCenter.Contracts.Calls;
using ContactCenter.TestKit;
using NAudio.Wave;

namespace ContactCenter.Interop.Tests;

/// <summary>
/// Issue #15's full disk: the host records calls onto a tmpfs of 64 KiB, which the first call's recording fills after about
/// four seconds. Three sipp calls in a row reach the same agent: each is answered, its audio flows both ways, it ends with the
/// caller's BYE and 200, and the agent is offered the next one; each call record says what became of its recording; the
/// host logs each failed recording once (not per packet), and the full volume once, with its metrics.
/// </summary>
[Collection(DatabaseCollection.Name)]
[Trait("Category", "Interop")]
public sealed class RecordingDiskFullTests(CrmDatabaseFixture fixture)
{
    private const int Calls = 3;
    private const int PcapPackets = 236;

    [TmpfsFact]
    public async Task RecordingFolderOnATinyTmpfs_CallsAnsweredAndEndedNormally_AgentOfferedTheNextCall_RecordsSayWhy()
    {
        await using var disk = await TmpfsFolder.MountAsync(kibibytes: 64);
        await using var rig = await CallRig.StartAsync(fixture, $"--Sip:Recording:Directory={disk.Path}",
            "--Sip:Recording:MinFreeMegabytes=0", "--Sip:Recording:Enabled=true", "--Acd:WrapUp=00:00:00");
        await rig.AddAgentAsync("1001", "agent-answer.xml");

        using var admin = rig.Host.CreateClient("admin", "admin-demo");
        var summaries = new List<MediaSummary>();
        for (var i = 0; i < Calls; i++)
        {
            // The carrier's 4.7 s of speech (236 packets) and a moment more: the first recording fills the 64 KiB at 16 KiB/s.
            var call = await rig.CallAsync("trunk-call.xml", caller: Caller(i), pause: TimeSpan.FromSeconds(8));

            Assert.True(call.ExitCode == 0, $"call {i + 1} was not answered and ended normally:\n" + rig.Diagnostics(call));
            await CallRig.WaitForNoLiveCallsAsync(admin);
            await WaitForCountAsync(rig.Host, "media: caller sent", i + 1); // the console logger writes on its own thread
            summaries.Add(await rig.ReadMediaSummaryAsync(i));
        }

        // Every packet of the carrier's speech reached the agent and its echo came back, the full disk or not.
        Assert.True(summaries.TrueForAll(m => m.ToCallee >= PcapPackets - 3 && m.ToCaller >= PcapPackets - 3), string.Join("\n", summaries));

        var states = new List<RecordingFileState>();
        for (var i = 0; i < Calls; i++)
        {
            var record = await rig.WaitForEndedCallFromAsync("+7495777004" + i.ToString(CultureInfo.InvariantCulture));
            Assert.Equal(("answered", "1001", CallEndedBy.Caller), (record.Outcome, record.AnsweredBy, record.EndedBy));
            var listed = await admin.GetFromJsonAsync<JsonElement>(new Uri($"api/calls?number={Caller(i)}", UriKind.Relative));
            var problem = listed.GetProperty("items")[0].GetProperty("recordingProblem").GetString();
            Assert.False(string.IsNullOrEmpty(problem), $"call {i + 1}: the call log does not say the recording failed:\n{listed}");
            Assert.Contains("No space left on device", problem, StringComparison.Ordinal);
            states.Add(problem.StartsWith("recording stopped after ", StringComparison.Ordinal) ? RecordingFileState.Partial : RecordingFileState.Missing);
        }

        // The first call kept what fitted, playable; the calls after it found the disk full and left nothing.
        Assert.Equal([RecordingFileState.Partial, RecordingFileState.Missing, RecordingFileState.Missing], states);
        var kept = Assert.Single(Directory.GetFiles(disk.Path, "*", SearchOption.AllDirectories));
        Assert.EndsWith(".wav", kept, StringComparison.Ordinal);
        using (var wav = new WaveFileReader(kept))
        {
            Assert.True(wav.TotalTime >= TimeSpan.FromSeconds(1.5), $"the partial recording holds {wav.TotalTime}");
        }

        Assert.Equal(Calls, rig.Host.CountInOutput("recording failed"));
        Assert.Equal(1, rig.Host.CountInOutput("The recordings volume is full"));
        Assert.DoesNotContain("end-of-call step", rig.Host.Output, StringComparison.Ordinal);
        var metrics = await admin.GetStringAsync(new Uri("metrics", UriKind.Relative));
        Assert.Matches(@"recordings_failed_total\{[^}]*file=""Partial""[^}]*\} 1", metrics);
        Assert.Matches(@"recordings_failed_total\{[^}]*file=""Missing""[^}]*\} 2", metrics);
        Assert.Matches(@"recordings_volume_free_bytes(\{[^}]*\})? \d{1,4}(\.\d+)?\n", metrics);
    }

    private static string Caller(int i) => "8495777004" + i.ToString(CultureInfo.InvariantCulture);

    private static async Task WaitForCountAsync(HostProcess host, string part, int count)
    {
        for (var i = 0; i < 50 && host.CountInOutput(part) < count; i++)
        {
            await Task.Delay(100);
        }
    }
}
