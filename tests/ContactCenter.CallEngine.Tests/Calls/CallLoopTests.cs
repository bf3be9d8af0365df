using ContactCenter.CallEngine.Calls;
using Microsoft.Extensions.Logging.Abstractions;

namespace ContactCenter.CallEngine.Tests.Calls;

/// <summary>The call's one writer (issue #14): steps run one at a time in the order posted, and its state refuses strangers.</summary>
public sealed class CallLoopTests
{
    [Fact]
    public async Task Post_FromManyThreads_StepsRunOneAtATimeInOrderPerPoster()
    {
        var loop = new CallLoop(Guid.NewGuid(), NullLogger.Instance);
        var inside = 0;
        var overlaps = 0;
        var seen = new List<(int Poster, int Step)>();

        await Task.WhenAll(Enumerable.Range(0, 4).Select(poster => Task.Run(() =>
        {
            for (var step = 0; step < 500; step++)
            {
                var s = step;
                loop.Post(() =>
                {
                    if (Interlocked.Increment(ref inside) > 1)
                    {
                        overlaps++;
                    }

                    seen.Add((poster, s));
                    Interlocked.Decrement(ref inside);
                });
            }
        })));
        await loop.InvokeAsync(() => { });

        Assert.Equal(0, overlaps);
        Assert.Equal(2_000, seen.Count);
        foreach (var poster in Enumerable.Range(0, 4))
        {
            Assert.Equal(Enumerable.Range(0, 500), seen.Where(x => x.Poster == poster).Select(x => x.Step));
        }
    }

    [Fact]
    public async Task State_TouchedOffTheLoop_Throws_OnTheLoop_Works()
    {
        var loop = new CallLoop(Guid.NewGuid(), NullLogger.Instance, check: true);
        var state = new CallState(loop, null, null);

        var stray = Assert.Throws<InvalidOperationException>(() => state.Phase = CallPhase.Answered);
        await loop.InvokeAsync(() => state.Phase = CallPhase.Answered);

        Assert.Contains("outside the call's loop", stray.Message, StringComparison.Ordinal);
        Assert.Equal(CallPhase.Answered, await loop.InvokeAsync(() => state.Phase));
    }

    [Fact]
    public async Task InvokeAsync_StepThrows_TheCallerGetsTheException_TheLoopGoesOn()
    {
        var loop = new CallLoop(Guid.NewGuid(), NullLogger.Instance);

        await Assert.ThrowsAsync<InvalidOperationException>(() => loop.InvokeAsync<int>(() => throw new InvalidOperationException("bug")));

        Assert.Equal(42, await loop.InvokeAsync(() => 42));
    }
}
