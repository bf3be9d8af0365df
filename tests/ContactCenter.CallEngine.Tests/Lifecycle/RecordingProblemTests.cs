using ContactCenter.Contracts.Calls;
using ContactCenter.Sessions;

namespace ContactCenter.CallEngine.Tests.Lifecycle;

/// <summary>
/// A recording that cannot be made (issue #15): the call is answered and ends as any other, the agent is free again, and
/// the call's <see cref="RecordingAvailable"/> says there is no file and why, so the call log can show it.
/// </summary>
public sealed class RecordingProblemTests : IDisposable
{
    private readonly string _recordings = Directory.CreateTempSubdirectory("cc-rec-").FullName;

    [Fact]
    public async Task Recording_VolumeNearlyFull_CallEndsNormally_RecordingAvailableSaysMissingAndWhy()
    {
        await using var rig = Rig(minFreeMegabytes: 1_048_576);
        var (caller, agent, callId) = rig.AnsweredCall();

        caller.PeerEnds(LegEndCause.HungUp);

        agent.WaitForCommand("hangup");
        rig.WaitForNoCalls();
        rig.WaitForPortsReturned();
        var recording = rig.Events.WaitFor<RecordingAvailable>();
        Assert.Equal(callId, recording.CallId);
        Assert.Equal(RecordingFileState.Missing, recording.File);
        Assert.StartsWith("not recorded: only ", recording.Problem, StringComparison.Ordinal);
        Assert.Contains("MinFreeMegabytes", recording.Problem, StringComparison.Ordinal);
        Assert.Equal(CallEndedBy.Caller, Assert.Single(rig.Events.Of<CallEnded>()).EndedBy);
        Assert.Equal(0, rig.Agents.GetCallCount("1001"));
        Assert.Empty(Directory.GetFiles(_recordings, "*", SearchOption.AllDirectories));
    }

    [Fact]
    public async Task Recording_RoomOnTheVolume_CompleteFileAndNoProblem()
    {
        await using var rig = Rig(minFreeMegabytes: 0);
        var (caller, _, _) = rig.AnsweredCall();

        caller.PeerEnds(LegEndCause.HungUp);

        rig.WaitForNoCalls();
        var recording = rig.Events.WaitFor<RecordingAvailable>();
        Assert.Equal(RecordingFileState.Complete, recording.File);
        Assert.Null(recording.Problem);
        Assert.True(File.Exists(recording.Path));
    }

    public void Dispose() => Directory.Delete(_recordings, recursive: true);

    private CallRig Rig(long minFreeMegabytes) => new(null, new Dictionary<string, string?>
    {
        ["Sip:Recording:Enabled"] = "true",
        ["Sip:Recording:Directory"] = _recordings,
        ["Sip:Recording:MinFreeMegabytes"] = minFreeMegabytes.ToString(System.Globalization.CultureInfo.InvariantCulture),
    });
}
