using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;

namespace ContactCenter.Benchmarks.Acd;

/// <summary>Adds the tail columns (P95 and P99) to the ACD benchmarks; the job comes from the command line (<c>--job short</c>).</summary>
internal sealed class AcdBenchmarkConfig : ManualConfig
{
    public AcdBenchmarkConfig() => AddColumn(StatisticColumn.P95, new PercentileColumn(99));
}
