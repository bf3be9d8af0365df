using Microsoft.Extensions.Time.Testing;

namespace ContactCenter.Sip.UserAgents.Tests.Dialogs;

internal static class FakeTimeProviderExtensions
{
    /// <summary>Shorter than the shortest timer involved (the 200 ms 100 Trying delay).</summary>
    public static readonly TimeSpan Step = TimeSpan.FromMilliseconds(50);

    /// <summary>Moves time forward by <paramref name="total"/> in steps of at most <see cref="Step"/> (STYLE §5).</summary>
    public static void AdvanceInSteps(this FakeTimeProvider time, TimeSpan total)
    {
        while (total > TimeSpan.Zero)
        {
            var next = total < Step ? total : Step;
            time.Advance(next);
            total -= next;
        }
    }
}
