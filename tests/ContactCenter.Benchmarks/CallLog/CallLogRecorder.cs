using System.Diagnostics.Metrics;
using ContactCenter.Crm;

namespace ContactCenter.Benchmarks.CallLog;

/// <summary>Listens to the CRM's own call-log instruments: events applied, batch sizes, and each event's time to commit.</summary>
internal sealed class CallLogRecorder : IDisposable
{
    private readonly MeterListener _listener = new();
    private readonly Lock _lock = new();
    private readonly List<double> _endDelays = [];
    private readonly List<double> _steadyEndDelays = [];
    private volatile bool _steady;
    private readonly List<double> _allDelays = [];
    private readonly List<int> _batches = [];
    private readonly List<double> _steadyWaits = [];
    private readonly List<double> _steadyWrites = [];
    private long _applied;

    public CallLogRecorder(IMeterFactory factory)
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Scope == factory && instrument.Meter.Name == CrmMetrics.MeterName)
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((instrument, value, _, _) =>
        {
            if (instrument.Name == "contactcenter.crm.call_events.applied")
            {
                Interlocked.Add(ref _applied, value);
            }
        });
        _listener.SetMeasurementEventCallback<int>((instrument, value, _, _) =>
        {
            lock (_lock)
            {
                _batches.Add(value);
            }
        });
        _listener.SetMeasurementEventCallback<double>((instrument, value, tags, _) =>
        {
            if (instrument.Name != "contactcenter.crm.call_log.visible_delay")
            {
                if (_steady)
                {
                    lock (_lock)
                    {
                        (instrument.Name == "contactcenter.crm.call_log.queue_wait" ? _steadyWaits : _steadyWrites).Add(value);
                    }
                }

                return;
            }

            var isEnd = tags.Length > 0 && Equals(tags[0].Value, "CallEnded");
            lock (_lock)
            {
                _allDelays.Add(value);
                if (isEnd)
                {
                    _endDelays.Add(value);
                    if (_steady)
                    {
                        _steadyEndDelays.Add(value);
                    }
                }
            }
        });
        _listener.Start();
    }

    public long Applied => Interlocked.Read(ref _applied);

    /// <summary>From now on call ends also count in the steady-state figures (after the warm-up: JIT, pools, the database's first pages).</summary>
    public void BeginSteadyState() => _steady = true;

    public void Report(CallLogLoadOptions options, long published, bool drained, long logged, CpuSample cpu, double pgbenchTps)
    {
        lock (_lock)
        {
            var rate = Applied / cpu.Wall.TotalSeconds;
            Console.WriteLine();
            Console.WriteLine($"published {published:N0} events ({published / CallScript.EventsPerCall:N0} calls); logged {Applied:N0}"
                + (drained ? "" : " - NOT all within 60 s of the end") + $"; complete answered records in the database: {logged:N0}");
            Console.WriteLine($"events logged per second over the run (incl. the drain): {rate:N0}");
            Console.WriteLine($"call end -> visible in the log (ms): p50 {Percentile(_endDelays, 50):F1}, p95 {Percentile(_endDelays, 95):F1}, "
                + $"p99 {Percentile(_endDelays, 99):F1}, max {Percentile(_endDelays, 100):F1}");
            Console.WriteLine($"steady state (after {options.WarmupSeconds} s warm-up, {_steadyEndDelays.Count:N0} calls): call end -> visible (ms): "
                + $"p50 {Percentile(_steadyEndDelays, 50):F1}, p95 {Percentile(_steadyEndDelays, 95):F1}, p99 {Percentile(_steadyEndDelays, 99):F1}, "
                + $"max {Percentile(_steadyEndDelays, 100):F1}");
            Console.WriteLine($"any event -> visible (ms): p99 {Percentile(_allDelays, 99):F1}");
            Console.WriteLine($"steady state, where the time goes (ms): waiting for a writer p50 {Percentile(_steadyWaits, 50):F1} p99 {Percentile(_steadyWaits, 99):F1}; "
                + $"writing a batch (first statement to commit) p50 {Percentile(_steadyWrites, 50):F1} p99 {Percentile(_steadyWrites, 99):F1} max {Percentile(_steadyWrites, 100):F1}");
            Console.WriteLine($"transactions {_batches.Count:N0}, events per transaction: mean {(_batches.Count > 0 ? _batches.Average() : 0):F1}, "
                + $"max {(_batches.Count > 0 ? _batches.Max() : 0)}");
            Console.WriteLine($"CPU: this process (bus + CRM) {cpu.ProcessPercent:F0} % of a core; whole machine {cpu.MachinePercent:F0} % "
                + $"of {Environment.ProcessorCount * 100} %");
            Console.WriteLine($"reference, same server, same run: pgbench -N (8 clients) {pgbenchTps:N0} transactions/s");
            Console.WriteLine($"| {options.Rate:N0}/s | {options.MaxBatch} | {rate:N0} | {Percentile(_steadyEndDelays, 50):F1} | {Percentile(_steadyEndDelays, 99):F1} | "
                + $"{Percentile(_steadyEndDelays, 100):F1} | {Percentile(_endDelays, 99):F1} | {(_batches.Count > 0 ? _batches.Average() : 0):F1} | {cpu.ProcessPercent:F0} % | {cpu.MachinePercent:F0} % | {pgbenchTps:N0} |");
        }
    }

    public void Dispose() => _listener.Dispose();

    private static double Percentile(List<double> values, double percentile)
    {
        if (values.Count == 0)
        {
            return double.NaN;
        }

        var sorted = values.Order().ToList();
        var index = (int)Math.Ceiling(percentile / 100 * sorted.Count) - 1;
        return sorted[Math.Clamp(index, 0, sorted.Count - 1)];
    }
}
