using System.Globalization;

namespace ContactCenter.Benchmarks.CallLog;

/// <summary>
/// The call-log load's command line: <c>calllog [--rate N] [--seconds N] [--max-batch N] [--fast-disk] [--no-triggers]
/// [--pgbench-seconds N] [--warmup-seconds N]</c>. <c>--no-triggers</c> disables the statement triggers on <c>calls</c>
/// (the per-day sums' staleness marks) for this run's database only, to measure what they cost the call log.
/// </summary>
internal sealed record CallLogLoadOptions(int Rate, int Seconds, int MaxBatch, bool Durable, int PgbenchSeconds, int WarmupSeconds = 20)
{
    /// <summary>Whether the statement triggers on <c>calls</c> run (the product's state); false with <c>--no-triggers</c>.</summary>
    public bool Triggers { get; init; } = true;

    public static CallLogLoadOptions Parse(IReadOnlyList<string> args)
    {
        var options = new CallLogLoadOptions(2_000, 60, 500, true, 20);
        for (var i = 0; i < args.Count; i++)
        {
            options = args[i] switch
            {
                "--rate" => options with { Rate = Number(args, ++i) },
                "--seconds" => options with { Seconds = Number(args, ++i) },
                "--max-batch" => options with { MaxBatch = Number(args, ++i) },
                "--pgbench-seconds" => options with { PgbenchSeconds = Number(args, ++i) },
                "--warmup-seconds" => options with { WarmupSeconds = Number(args, ++i) },
                "--fast-disk" => options with { Durable = false },
                "--no-triggers" => options with { Triggers = false },
                _ => throw new ArgumentException($"Unknown option {args[i]}; see bench/calllog/README.md."),
            };
        }

        return options;
    }

    private static int Number(IReadOnlyList<string> args, int i) =>
        i < args.Count && int.TryParse(args[i], NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0
            ? n
            : throw new ArgumentException($"{args[i - 1]} takes a positive whole number.");
}
