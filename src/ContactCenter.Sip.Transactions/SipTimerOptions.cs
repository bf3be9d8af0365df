using System.ComponentModel.DataAnnotations;

namespace ContactCenter.Sip.Transactions;

/// <summary>The transaction timers of RFC 3261 §17 and Table 4 (section <c>Sip:Timers</c>), per stack instance.</summary>
public sealed class SipTimerOptions : IValidatableObject
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Sip:Timers";

    /// <summary>T1, the round-trip time estimate (RFC 3261 §17.1.1.1: 500 ms by default).</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:01:00")]
    public TimeSpan T1 { get; init; } = TimeSpan.FromMilliseconds(500);

    /// <summary>T2, the longest retransmit interval for non-INVITE requests and INVITE responses (4 s).</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:10:00")]
    public TimeSpan T2 { get; init; } = TimeSpan.FromSeconds(4);

    /// <summary>T4, the longest time a message stays in the network (5 s): Timers I and K over UDP.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:10:00")]
    public TimeSpan T4 { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Timer B (INVITE client timeout) in units of T1; 64 by default.</summary>
    [Range(1, 1024)]
    public int TimerBMultiplier { get; init; } = 64;

    /// <summary>Timer F (non-INVITE client timeout) in units of T1; 64 by default.</summary>
    [Range(1, 1024)]
    public int TimerFMultiplier { get; init; } = 64;

    /// <summary>Timer H (INVITE server wait for ACK) in units of T1; 64 by default.</summary>
    [Range(1, 1024)]
    public int TimerHMultiplier { get; init; } = 64;

    /// <summary>Timer J (non-INVITE server wait for request retransmissions, UDP) in units of T1; 64 by default.</summary>
    [Range(1, 1024)]
    public int TimerJMultiplier { get; init; } = 64;

    /// <summary>Timer D, the INVITE client wait for response retransmissions over UDP (RFC 3261 §17.1.1.2: at least 32 s).</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:10:00")]
    public TimeSpan TimerD { get; init; } = TimeSpan.FromSeconds(32);

    /// <summary>How long an INVITE server transaction waits for the TU before it sends 100 Trying itself (RFC 3261 §17.2.1: 200 ms).</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:00:10")]
    public TimeSpan TryingDelay { get; init; } = TimeSpan.FromMilliseconds(200);

    /// <summary>
    /// The width of one slot of the timer wheel that holds the transaction timers: a timer fires at most this much
    /// after its due time, never before (10 ms by default, well inside T1).
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "00:00:00.100")]
    public TimeSpan TimerResolution { get; init; } = TimeSpan.FromMilliseconds(10);

    /// <summary>Timer B: INVITE client transaction timeout.</summary>
    public TimeSpan TimerB => T1 * TimerBMultiplier;

    /// <summary>Timer F: non-INVITE client transaction timeout.</summary>
    public TimeSpan TimerF => T1 * TimerFMultiplier;

    /// <summary>Timer H: INVITE server wait for ACK.</summary>
    public TimeSpan TimerH => T1 * TimerHMultiplier;

    /// <summary>Timer J: non-INVITE server wait for request retransmissions (UDP).</summary>
    public TimeSpan TimerJ => T1 * TimerJMultiplier;

    /// <summary>Timers L and M of RFC 6026 §7 (Accepted state on both sides): 64*T1.</summary>
    public TimeSpan TimerAccepted => T1 * 64;

    /// <inheritdoc />
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (T2 < T1)
        {
            yield return new ValidationResult($"{Section}:T2 must not be shorter than T1.", [nameof(T2)]);
        }
    }
}
