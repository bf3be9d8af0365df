using ContactCenter.Contracts.Calls;

namespace ContactCenter.Benchmarks.CallLog;

/// <summary>
/// The events of one answered call, as the engine publishes them, each due at an offset from the call's start:
/// received, classified, queued, offered at once; answered after 1 s; recording and end after 3 s.
/// </summary>
internal static class CallScript
{
    public const int EventsPerCall = 7;

    private static readonly TimeSpan[] Offsets =
    [
        TimeSpan.Zero, TimeSpan.FromMilliseconds(20), TimeSpan.FromMilliseconds(40), TimeSpan.FromMilliseconds(60),
        TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(3), TimeSpan.FromSeconds(3),
    ];

    // The demo data's clients (seeded in the benchmark's database): callers the CRM knows, as most callers are.
    private static readonly string[] KnownCallers =
        ["+74951000001", "+74951000002", "+74951000003", "+74951000005", "+74951000006", "+74951000007", "+74951000008"];

    public static TimeSpan Offset(int step) => Offsets[step];

    public static object Create(int step, Guid callId, int callNumber, DateTimeOffset now)
    {
        var caller = KnownCallers[callNumber % KnownCallers.Length];
        var agent = (1001 + (callNumber % 3)).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var sequence = step + 1;
        return step switch
        {
            0 => new CallReceived(Guid.NewGuid(), callId, sequence, now, CallDirection.Inbound, "8" + caller[2..], "7000", caller),
            1 => new CallClassified(Guid.NewGuid(), callId, sequence, now, null, "retail", "operator-queue", null,
                """{"rule":"operator-queue","targets":["queue:operators"],"steps":[{"extension":"1001","verdict":"available, idle 12 s"}],"queue":"operators"}"""),
            2 => new CallQueued(Guid.NewGuid(), callId, sequence, now, "operators", 1),
            3 => new CallOffered(Guid.NewGuid(), callId, sequence, now, agent),
            4 => new CallAnswered(Guid.NewGuid(), callId, sequence, now, agent, caller),
            5 => new RecordingAvailable(Guid.NewGuid(), callId, sequence, now, $"var/recordings/{callId:N}.wav", TimeSpan.FromSeconds(2)),
            _ => new CallEnded(Guid.NewGuid(), callId, sequence, now, CallEndedBy.Caller, "caller hung up"),
        };
    }
}
