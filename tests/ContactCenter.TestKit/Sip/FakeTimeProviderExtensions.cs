using Microsoft.Extensions.Time.Testing;

namespace ContactCenter.TestKit.Sip;

/// <summary>Moving a fake clock the way the SIP timers need it (STYLE §5): in small steps, so every timer fires in turn.</summary>
public static class FakeTimeProviderExtensions
{
    /// <summary>The step used throughout: shorter than the shortest timer involved (the 200 ms 100 Trying delay).</summary>
    public static readonly TimeSpan Step = TimeSpan.FromMilliseconds(50);

    /// <summary>Moves time forward by <paramref name="total"/> in steps of at most <paramref name="step"/>.</summary>
    public static void AdvanceInSteps(this FakeTimeProvider time, TimeSpan total, TimeSpan step)
    {
        ArgumentNullException.ThrowIfNull(time);
        while (total > TimeSpan.Zero)
        {
            var next = total < step ? total : step;
            time.Advance(next);
            total -= next;
        }
    }

    /// <summary>Moves time forward by <paramref name="total"/> in steps of <see cref="Step"/>.</summary>
    public static void AdvanceInSteps(this FakeTimeProvider time, TimeSpan total) => time.AdvanceInSteps(total, Step);
}
