using ContactCenter.CallEngine.Calls;
using ContactCenter.CallEngine.Routing;
using ContactCenter.Contracts.Calls;
using ContactCenter.Sessions;
using ContactCenter.TestKit.Sessions;

namespace ContactCenter.CallEngine.Tests.Lifecycle;

/// <summary>
/// The after-hours path (issue #18) over the fake session port and clock: the router says the queue is closed, the engine
/// answers, beeps and records the caller alone until # , a hang-up or the maximum length; a message too short or of silence
/// is dropped; with voicemail off the caller only hears the announcement and is refused as before.
/// </summary>
public sealed class VoicemailTests : IDisposable
{
    private static readonly DateTimeOffset Opens = new(2026, 12, 7, 5, 0, 0, TimeSpan.Zero);
    private readonly string _recordings = Directory.CreateTempSubdirectory("cc-voicemail-").FullName;

    [Fact]
    public async Task ClosedQueue_CallerSpeaksThenPressesHash_AnsweredRecordedAlone_VoicemailLeftWithTheFile()
    {
        await using var rig = Rig();
        var caller = rig.TrunkCall("+74951000003");
        var rtp = await ReachTheBeepAsync(rig, caller);

        await rtp.SendAudioAsync(2.0);
        await rtp.PressHashAsync();

        var left = rig.Events.WaitFor<VoicemailLeft>();
        caller.WaitForCommand("reject:HungUp");
        Assert.Equal(("operators", "+74951000003", Opens), (left.QueueName, left.CallerNumberE164, left.QueueOpensAt));
        Assert.Equal(["1001", "1002"], left.QueueMembers);
        Assert.InRange(left.Duration.TotalSeconds, 1.8, 2.2);
        Assert.True(File.Exists(left.RecordingPath));
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(left.RecordingPath));
        }

        Assert.InRange(new FileInfo(left.RecordingPath).Length, 44 + (1.8 * 16_000), 44 + (2.2 * 16_000)); // 8 kHz mono 16-bit
        Assert.Equal(left.RecordingPath, rig.Events.WaitFor<RecordingAvailable>().Path);
        Assert.Equal((CallEndedBy.Caller, "voicemail left (# pressed)"), (rig.Events.WaitFor<CallEnded>().EndedBy, rig.Events.WaitFor<CallEnded>().Reason));
        Assert.Empty(rig.Events.Of<CallAnswered>()); // no agent answered: not a handled call
        Assert.Empty(Directory.GetFiles(_recordings, "*.part", SearchOption.AllDirectories));
        rig.WaitForNoCalls();
        rig.WaitForPortsReturned();
    }

    [Fact]
    public async Task ClosedQueue_CallerHangsUpAfterSpeaking_VoicemailLeft_EndedByCaller()
    {
        await using var rig = Rig();
        var caller = rig.TrunkCall();
        var rtp = await ReachTheBeepAsync(rig, caller);

        await rtp.SendAudioAsync(1.5);
        await WaitForRecordedAsync(1.4);
        caller.PeerEnds(LegEndCause.HungUp);

        Assert.InRange(rig.Events.WaitFor<VoicemailLeft>().Duration.TotalSeconds, 1.3, 1.7);
        Assert.Equal(CallEndedBy.Caller, rig.Events.WaitFor<CallEnded>().EndedBy);
        rig.WaitForNoCalls();
        rig.WaitForPortsReturned();
    }

    [Fact]
    public async Task ClosedQueue_CallerKeepsTalking_EndsAtTheMaximumLength_MessageKept()
    {
        await using var rig = Rig(("Sip:Calls:VoicemailMaxSeconds", "3"));
        var caller = rig.TrunkCall();
        var rtp = await ReachTheBeepAsync(rig, caller);

        await rtp.SendAudioAsync(1.5);
        await WaitForRecordedAsync(1.4);
        rig.Time.Advance(TimeSpan.FromSeconds(3));

        caller.WaitForCommand("reject:HungUp");
        Assert.Equal((CallEndedBy.System, "voicemail: maximum length reached"),
            (rig.Events.WaitFor<CallEnded>().EndedBy, rig.Events.WaitFor<CallEnded>().Reason));
        Assert.Single(rig.Events.Of<VoicemailLeft>());
        rig.WaitForNoCalls();
    }

    [Theory]
    [InlineData(0.5, false)] // under the minimum length
    [InlineData(3.0, true)] // silence only
    public async Task ClosedQueue_MessageTooShortOrSilent_Discarded_NoEventNoFile(double seconds, bool silent)
    {
        await using var rig = Rig();
        var caller = rig.TrunkCall();
        var rtp = await ReachTheBeepAsync(rig, caller);

        await rtp.SendAudioAsync(seconds, silent);
        await WaitForRecordedAsync(seconds - 0.1);
        caller.PeerEnds(LegEndCause.HungUp);

        rig.Events.WaitFor<CallEnded>();
        rig.WaitForNoCalls();
        Assert.Empty(rig.Events.Of<VoicemailLeft>());
        Assert.Empty(rig.Events.Of<RecordingAvailable>());
        Assert.Empty(Directory.GetFiles(_recordings, "*", SearchOption.AllDirectories));
        rig.WaitForPortsReturned();
    }

    [Fact]
    public async Task ClosedQueue_CallerHangsUpDuringTheBeep_NothingRecorded_PortsBack()
    {
        await using var rig = Rig();
        var caller = rig.TrunkCall();
        caller.WaitForCommand("answer");

        caller.PeerEnds(LegEndCause.HungUp);

        rig.Events.WaitFor<CallEnded>();
        rig.WaitForNoCalls();
        Assert.Empty(rig.Events.Of<VoicemailLeft>());
        Assert.Empty(Directory.GetFiles(_recordings, "*", SearchOption.AllDirectories));
        rig.WaitForPortsReturned();
    }

    [Theory]
    [InlineData(true, "0")] // switched off for the whole engine
    [InlineData(false, "120")] // the queue has no voicemail
    public async Task ClosedQueue_VoicemailOff_NeverAnswered_Refused(bool queueHasVoicemail, string maxSeconds)
    {
        await using var rig = Rig(("Sip:Calls:VoicemailMaxSeconds", maxSeconds), queueHasVoicemail);

        var caller = rig.TrunkCall();

        caller.WaitForCommand("reject:Unavailable");
        Assert.Equal("no agent available (closed)", rig.Events.WaitFor<CallEnded>().Reason);
        Assert.DoesNotContain("answer", caller.Commands);
        rig.WaitForNoCalls();
    }

    public void Dispose() => Directory.Delete(_recordings, recursive: true);

    private CallRig Rig((string Key, string Value)? setting = null, bool voicemail = true)
    {
        var extra = new Dictionary<string, string?>
        {
            ["Sip:Recording:Directory"] = _recordings,
            ["Sip:Recording:MinFreeMegabytes"] = "0",
        };
        if (setting is { } s)
        {
            extra[s.Key] = s.Value;
        }

        return new CallRig(extra, new ClosedRouter(voicemail), "1001", "1002");
    }

    /// <summary>Waits for the engine's answer, lets the beep play on the fake clock, and waits until the message is being recorded.</summary>
    private async Task<CallerRtp> ReachTheBeepAsync(CallRig rig, FakeLeg caller)
    {
        caller.WaitForCommand("answer");
        var rtp = new CallerRtp(caller.AnsweredWith!);
        for (var i = 0; i < 200 && Directory.GetFiles(_recordings, "*.wav.part", SearchOption.AllDirectories).Length == 0; i++)
        {
            rig.Time.Advance(TimeSpan.FromMilliseconds(20));
            await Task.Delay(10);
        }

        Assert.Single(Directory.GetFiles(_recordings, "*.wav.part", SearchOption.AllDirectories));
        return rtp;
    }

    /// <summary>Waits (real time, bounded) until the part file holds about <paramref name="seconds"/> of audio (written by the tap's loop).</summary>
    private async Task WaitForRecordedAsync(double seconds)
    {
        for (var i = 0; i < 300; i++)
        {
            var part = Directory.GetFiles(_recordings, "*.wav.part", SearchOption.AllDirectories).SingleOrDefault();
            if (part is null || new FileInfo(part).Length >= 44 + (seconds * 16_000) - 1_600)
            {
                return;
            }

            await Task.Delay(10);
        }
    }

    private sealed class ClosedRouter(bool voicemail) : ICallRouter
    {
        public ValueTask<CallRoute> RouteAsync(CallRouteRequest request, CancellationToken cancellationToken) =>
            ValueTask.FromResult(new CallRoute("operator-queue", [], [new RoutingStep("queue:operators", "closed: outside business hours")])
            {
                FinalAnnouncement = "closed",
                Voicemail = voicemail ? new VoicemailBox("operators", Opens, ["1001", "1002"]) : null,
            });
    }
}
