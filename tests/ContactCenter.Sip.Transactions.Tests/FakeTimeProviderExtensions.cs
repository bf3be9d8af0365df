using Microsoft.Extensions.Time.Testing;

namespace ContactCenter.Sip.Transactions.Tests;

internal static class FakeTimeProviderExtensions
{
    /// <summary>The step used throughout: shorter than the shortest timer involved (the 200 ms 100 Trying delay).</summary>
    public static readonly TimeSpan Step = TimeSpan.FromMilliseconds(50);

    /// <summary>Moves time forward by <paramref name="total"/> in steps of at most <paramref name="step"/> (STYLE §5).</summary>
    public static void AdvanceInSteps(this FakeTimeProvider time, TimeSpan total, TimeSpan step)
    {
        while (total > TimeSpan.Zero)
        {
            var next = total < step ? total : step;
            time.Advance(next);
            total -= next;
        }
    }

    public static void AdvanceInSteps(this FakeTimeProvider time, TimeSpan total) => time.AdvanceInSteps(total, Step);
}
