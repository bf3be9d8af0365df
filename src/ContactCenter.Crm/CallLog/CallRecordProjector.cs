using System.Text.Json;
using ContactCenter.Contracts.Calls;
using ContactCenter.Crm.Model;

namespace ContactCenter.Crm.CallLog;

/// <summary>
/// Builds a call's summary from its events. The summary is recomputed from the whole timeline in
/// sequence order, so events that arrive late or out of order give the same record.
/// </summary>
public static class CallRecordProjector
{
    /// <summary>Resets <paramref name="call"/>'s summary and applies <paramref name="events"/> in sequence order.</summary>
    public static void Project(CallRecord call, IEnumerable<(int Sequence, object Event)> events)
    {
        ArgumentNullException.ThrowIfNull(call);
        ArgumentNullException.ThrowIfNull(events);
        Reset(call);
        foreach (var (sequence, evt) in events.OrderBy(e => e.Sequence))
        {
            Apply(call, evt);
            call.LastSequence = Math.Max(call.LastSequence, sequence);
        }

        call.Outcome = OutcomeOf(call);
    }

    /// <summary>
    /// Applies <paramref name="evt"/> to a summary built from the call's events up to <paramref name="sequence"/> - 1, in
    /// order. Returns false (and changes nothing) when the event is not the next one: then the caller recomputes the
    /// summary from the whole timeline with <see cref="Project"/>.
    /// </summary>
    public static bool TryApplyNext(CallRecord call, int sequence, object evt)
    {
        ArgumentNullException.ThrowIfNull(call);
        ArgumentNullException.ThrowIfNull(evt);
        if (sequence != call.LastSequence + 1)
        {
            return false;
        }

        Apply(call, evt);
        call.LastSequence = sequence;
        call.Outcome = OutcomeOf(call);
        return true;
    }

    private static void Reset(CallRecord call)
    {
        call.ClientId = null;
        call.RuleName = null;
        call.RoutingTrace = null;
        call.MenuChoice = null;
        call.QueueName = null;
        call.AnsweredAt = null;
        call.AnsweredBy = null;
        call.EndedAt = null;
        call.EndedBy = null;
        call.EndReason = null;
        call.RecordingPath = null;
        call.RecordingProblem = null;
        call.TransferCount = 0;
        call.LastSequence = 0;
    }

    private static void Apply(CallRecord call, object evt)
    {
        switch (evt)
        {
            case CallReceived e:
                call.Direction = e.Direction;
                call.CallerNumber = e.CallerNumber;
                call.CallerE164 = e.CallerNumberE164;
                call.DialedNumber = e.DialedNumber;
                call.ReceivedAt = e.OccurredAt;
                call.Trunk ??= e.Trunk;
                break;
            case CallClassified e:
                call.ClientId = e.ClientId;
                call.RuleName = e.RuleName;
                call.RoutingTrace = e.RoutingTrace;
                call.MenuChoice = e.MenuChoice;
                call.QueueName ??= QueueOf(e.RoutingTrace);
                break;
            case CallQueued e:
                call.QueueName = e.QueueName;
                break;
            case CallAnswered e:
                call.AnsweredAt ??= e.OccurredAt;
                call.AnsweredBy = e.AgentExtension;
                call.Trunk ??= e.Trunk;
                break;
            case CallTransferred:
                call.TransferCount++;
                break;
            case RecordingAvailable e:
                // A recording that could not start or whose file was lost leaves no path (issue #15); its problem is kept.
                call.RecordingPath = e.File == RecordingFileState.Missing ? call.RecordingPath : e.Path;
                call.RecordingProblem = e.Problem;
                break;
            case CallEnded e:
                call.EndedAt = e.OccurredAt;
                call.EndedBy = e.EndedBy;
                call.EndReason = e.Reason;
                break;
            default:
                break; // offered, offer failed, held, resumed: timeline only
        }
    }

    /// <summary>
    /// The queue the router put the call in, from its trace: the queue it waits in, else the queue of the first member
    /// considered (a step's verdict <c>queue:NAME: ...</c>) - a call offered at once to a free member entered that queue
    /// too, and counts in its figures. Null when the trace names none or cannot be read.
    /// </summary>
    internal static string? QueueOf(string? routingTrace)
    {
        if (string.IsNullOrEmpty(routingTrace))
        {
            return null;
        }

        try
        {
            using var trace = JsonDocument.Parse(routingTrace);
            if (trace.RootElement.ValueKind != JsonValueKind.Object)
            {
                return null;
            }

            if (trace.RootElement.TryGetProperty("queue", out var queue) && queue.ValueKind == JsonValueKind.String)
            {
                return queue.GetString();
            }

            if (!trace.RootElement.TryGetProperty("steps", out var steps) || steps.ValueKind != JsonValueKind.Array)
            {
                return null;
            }

            foreach (var step in steps.EnumerateArray())
            {
                if (step.ValueKind == JsonValueKind.Object && step.TryGetProperty("verdict", out var verdict) && verdict.ValueKind == JsonValueKind.String
                    && verdict.GetString() is { } text && text.StartsWith(QueuePrefix, StringComparison.Ordinal))
                {
                    var name = text.AsSpan(QueuePrefix.Length);
                    var end = name.IndexOfAny(':', ' ');
                    return (end < 0 ? name : name[..end]).ToString() is { Length: > 0 and <= 100 } found ? found : null;
                }
            }
        }
        catch (JsonException)
        {
            // A trace that is not JSON names no queue; the call is logged all the same.
        }

        return null;
    }

    private const string QueuePrefix = "queue:";

    private static string OutcomeOf(CallRecord call) => call switch
    {
        { EndedAt: null, AnsweredAt: null } => "in-progress",
        { EndedAt: null } => "talking",
        { AnsweredAt: not null } => "answered",
        { RecordingPath: not null } => "voicemail", // recorded without an agent: a message left after hours (issue #18)
        { EndedBy: CallEndedBy.Caller } => "abandoned",
        _ => "unanswered",
    };
}
