using BenchmarkDotNet.Attributes;
using ContactCenter.Sip.Transactions.Timing;

namespace ContactCenter.Benchmarks.Sip;

/// <summary>
/// The timer work of one UDP INVITE client transaction that gets its answer: Timers A and B started, A stopped
/// by the 180, M started by the 200, all disposed when it ends; on the system timer queue (one
/// System.Threading.Timer each, as before issue #14) and on the wheel the transactions use now.
/// </summary>
[MemoryDiagnoser]
public class TransactionTimerBenchmarks
{
    private static readonly TimerCallback Nothing = static _ => { };
    private SipTimerWheel _wheel = null!;

    [GlobalSetup]
    public void Setup() => _wheel = new SipTimerWheel(TimeProvider.System, TimeSpan.FromMilliseconds(10));

    [GlobalCleanup]
    public void Cleanup() => _wheel.Dispose();

    [Benchmark(Baseline = true)]
    public void SystemTimers() => Lifecycle(TimeProvider.System);

    [Benchmark]
    public void Wheel() => Lifecycle(_wheel);

    private void Lifecycle(TimeProvider time)
    {
        var timerA = time.CreateTimer(Nothing, this, TimeSpan.FromMilliseconds(500), Timeout.InfiniteTimeSpan);
        var timerB = time.CreateTimer(Nothing, this, TimeSpan.FromSeconds(32), Timeout.InfiniteTimeSpan);
        timerA.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        var timerM = time.CreateTimer(Nothing, this, TimeSpan.FromSeconds(32), Timeout.InfiniteTimeSpan);
        timerA.Dispose();
        timerB.Dispose();
        timerM.Dispose();
    }
}
