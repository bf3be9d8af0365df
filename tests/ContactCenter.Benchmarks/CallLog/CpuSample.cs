using System.Diagnostics;
using System.Globalization;

namespace ContactCenter.Benchmarks.CallLog;

/// <summary>CPU time of this process and of the whole machine (/proc/stat), to tell the CRM's share from PostgreSQL's.</summary>
internal readonly record struct CpuSample(TimeSpan Process, double MachineBusyTicks, double MachineTotalTicks, TimeSpan Wall)
{
    private static readonly Stopwatch Clock = Stopwatch.StartNew();

    public static CpuSample Take()
    {
        var fields = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1)
            .Select(f => double.Parse(f, CultureInfo.InvariantCulture)).ToArray();
        var idle = fields[3] + fields[4];
        return new CpuSample(System.Diagnostics.Process.GetCurrentProcess().TotalProcessorTime, fields.Take(8).Sum() - idle, fields.Take(8).Sum(), Clock.Elapsed);
    }

    /// <summary>This process's CPU in percent of one core.</summary>
    public double ProcessPercent => Process / Wall * 100;

    /// <summary>The machine's busy CPU in percent of one core (200 % = both cores of this machine).</summary>
    public double MachinePercent => MachineTotalTicks > 0 ? MachineBusyTicks / MachineTotalTicks * Environment.ProcessorCount * 100 : 0;

    public static CpuSample operator -(CpuSample end, CpuSample start) =>
        new(end.Process - start.Process, end.MachineBusyTicks - start.MachineBusyTicks, end.MachineTotalTicks - start.MachineTotalTicks, end.Wall - start.Wall);
}
