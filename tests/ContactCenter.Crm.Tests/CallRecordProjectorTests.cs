using ContactCenter.Contracts.Calls;
using ContactCenter.Crm.CallLog;
using ContactCenter.Crm.Model;

namespace ContactCenter.Crm.Tests;

public sealed class CallRecordProjectorTests
{
    private static readonly Guid CallId = Guid.NewGuid();
    private static readonly DateTimeOffset T0 = new(2026, 11, 26, 10, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Project_TransferredCall_CountsTransfersAndKeepsLastAnsweringAgent()
    {
        var call = new CallRecord { Id = CallId };
        (int, object)[] events =
        [
            (1, new CallReceived(Guid.NewGuid(), CallId, 1, T0, CallDirection.Inbound, "x", "7000", null)),
            (2, new CallAnswered(Guid.NewGuid(), CallId, 2, T0.AddSeconds(5), "1001", "x")),
            (3, new CallTransferred(Guid.NewGuid(), CallId, 3, T0.AddSeconds(60), TransferKind.Blind, "1001", "2001", "key client")),
            (4, new CallAnswered(Guid.NewGuid(), CallId, 4, T0.AddSeconds(70), "2001", "x")),
            (5, new CallEnded(Guid.NewGuid(), CallId, 5, T0.AddSeconds(200), CallEndedBy.Agent, "agent hung up")),
        ];

        CallRecordProjector.Project(call, events);

        Assert.Equal(1, call.TransferCount);
        Assert.Equal("2001", call.AnsweredBy);
        Assert.Equal(T0.AddSeconds(5), call.AnsweredAt);
        Assert.Equal("answered", call.Outcome);
    }

    [Theory]
    [InlineData("carrier-a", null, "carrier-a")] // a carrier's call: the trunk it came in on
    [InlineData(null, "carrier-b", "carrier-b")] // a call we placed: the trunk that carried it
    [InlineData(null, null, null)] // an internal call
    public void Project_TheTrunkThatCarriedTheCall(string? inbound, string? outbound, string? expected)
    {
        var call = new CallRecord { Id = CallId };
        (int, object)[] events =
        [
            (1, new CallReceived(Guid.NewGuid(), CallId, 1, T0, CallDirection.Inbound, "x", "7000", null) { Trunk = inbound, Did = "74951234500" }),
            (2, new CallAnswered(Guid.NewGuid(), CallId, 2, T0.AddSeconds(5), "1001", "x") { Trunk = outbound }),
        ];

        CallRecordProjector.Project(call, events);

        Assert.Equal(expected, call.Trunk);
    }

    [Fact]
    public void TryApplyNext_InOrder_SameRecordAsProjectingTheWholeTimeline_OutOfOrder_Refused()
    {
        (int Sequence, object Event)[] events =
        [
            (1, new CallReceived(Guid.NewGuid(), CallId, 1, T0, CallDirection.Inbound, "x", "7000", "+74951000001")),
            (2, new CallClassified(Guid.NewGuid(), CallId, 2, T0, null, "key", "key-client", null, "{}")),
            (3, new CallAnswered(Guid.NewGuid(), CallId, 3, T0.AddSeconds(5), "2001", "x")),
            (4, new CallTransferred(Guid.NewGuid(), CallId, 4, T0.AddSeconds(60), TransferKind.Blind, "2001", "4001", "debt")),
            (5, new CallEnded(Guid.NewGuid(), CallId, 5, T0.AddSeconds(200), CallEndedBy.Agent, "agent hung up")),
        ];
        var whole = new CallRecord { Id = CallId };
        CallRecordProjector.Project(whole, events);
        var stepByStep = new CallRecord { Id = CallId };

        var allApplied = events.All(e => CallRecordProjector.TryApplyNext(stepByStep, e.Sequence, e.Event));
        var early = new CallRecord { Id = CallId };
        var appliedEarly = CallRecordProjector.TryApplyNext(early, 2, events[1].Event);

        Assert.True(allApplied);
        Assert.Equivalent(whole, stepByStep);
        Assert.False(appliedEarly);
        Assert.Null(early.RuleName);
        Assert.Equal(0, early.LastSequence);
    }

    [Theory]
    [InlineData(false, false, null, "in-progress")]
    [InlineData(true, false, null, "talking")]
    [InlineData(false, true, CallEndedBy.Caller, "abandoned")]
    [InlineData(false, true, CallEndedBy.System, "unanswered")]
    [InlineData(true, true, CallEndedBy.Agent, "answered")]
    public void Project_Outcome_FollowsAnswerAndEnd(bool answered, bool ended, CallEndedBy? endedBy, string outcome)
    {
        var call = new CallRecord { Id = CallId };
        var events = new List<(int, object)> { (1, new CallReceived(Guid.NewGuid(), CallId, 1, T0, CallDirection.Inbound, "x", "7000", null)) };
        if (answered)
        {
            events.Add((2, new CallAnswered(Guid.NewGuid(), CallId, 2, T0, "1001", "x")));
        }

        if (ended)
        {
            events.Add((3, new CallEnded(Guid.NewGuid(), CallId, 3, T0, endedBy!.Value, "r")));
        }

        CallRecordProjector.Project(call, events);

        Assert.Equal(outcome, call.Outcome);
    }

    [Fact]
    public void Project_RecordedWithoutAnAgent_VoicemailNotAbandoned()
    {
        var call = new CallRecord { Id = CallId };

        CallRecordProjector.Project(call,
        [
            (1, new CallReceived(Guid.NewGuid(), CallId, 1, T0, CallDirection.Inbound, "x", "7000", null)),
            (2, new RecordingAvailable(Guid.NewGuid(), CallId, 2, T0.AddSeconds(20), "/var/recordings/x.wav", TimeSpan.FromSeconds(12))),
            (3, new CallEnded(Guid.NewGuid(), CallId, 3, T0.AddSeconds(20), CallEndedBy.Caller, "caller hung up")),
        ]);

        Assert.Equal("voicemail", call.Outcome);
    }

    [Theory]
    [InlineData("""{"rule":"operator-queue","targets":["1001"],"steps":[{"extension":"1001","verdict":"queue:operators: available (idle 00:05)"}],"queue":null}""", "operators")]
    [InlineData("""{"rule":"operator-queue","targets":[],"steps":[{"extension":"1001","verdict":"queue:operators: on a call"}],"queue":"backup"}""", "backup")]
    [InlineData("""{"rule":"key-client","targets":["2001"],"steps":[{"extension":"2001","verdict":"assigned-manager: available"}]}""", null)]
    [InlineData("not json", null)]
    [InlineData("[1,2]", null)]
    public void QueueOf_RoutingTrace_TheQueueTheRouterPutTheCallIn(string trace, string? queue)
    {
        var call = new CallRecord { Id = CallId };

        CallRecordProjector.Project(call, [(1, new CallClassified(Guid.NewGuid(), CallId, 1, T0, null, null, "rule", null, trace))]);

        Assert.Equal(queue, call.QueueName);
    }

    [Fact]
    public void Project_QueuedAfterClassified_TheQueueWaitedInWins()
    {
        var call = new CallRecord { Id = CallId };
        const string Trace = """{"rule":"operator-queue","steps":[{"extension":"1001","verdict":"queue:operators: available"}]}""";

        CallRecordProjector.Project(call, [(1, new CallClassified(Guid.NewGuid(), CallId, 1, T0, null, null, "rule", null, Trace)),
            (2, new CallQueued(Guid.NewGuid(), CallId, 2, T0, "overflow", 1))]);

        Assert.Equal("overflow", call.QueueName);
    }
}
