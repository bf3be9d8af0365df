using BenchmarkDotNet.Attributes;
using ContactCenter.Acd.Directory;

namespace ContactCenter.Benchmarks.Acd;

/// <summary>Building the router's in-memory snapshot from rows already read from the CRM (done once per refresh, every 15 s by default).</summary>
[MemoryDiagnoser]
[Config(typeof(AcdBenchmarkConfig))]
public class RoutingDirectoryBuildBenchmarks
{
    private static readonly DateTimeOffset Now = new(2026, 11, 30, 9, 0, 0, TimeSpan.Zero);
    private SyntheticDirectory? _data;

    [Params(100_000, 1_000_000)]
    public int Clients { get; set; }

    [GlobalSetup]
    public void Setup() => _data = new SyntheticDirectory(Clients, DateOnly.FromDateTime(Now.UtcDateTime));

    [Benchmark]
    public RoutingDirectory Build() => _data!.Build(Now);
}
