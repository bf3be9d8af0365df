using FuzzTargets;
using SharpFuzz;

// Coverage-guided fuzzing harness (bench/fuzz/run.sh). One program, one target per wire format:
//   FuzzTargets <target>                    run under afl-fuzz (SharpFuzz out-of-process loop, input on stdin)
//   FuzzTargets <target> --replay PATH...   run files (or every file in folders) through the target in-process,
//                                           print each one that throws; exit code 1 when any did
//   FuzzTargets --list                      print the target names
// A target throws only when the code under test breaks its contract: an exception escapes a Try-parser,
// or a parsed value does not survive being written and parsed again (FuzzInvariantException).
if (args.Length == 0 || args[0] is "--list" or "-h" or "--help")
{
    foreach (var name in Targets.Names)
    {
        Console.WriteLine(name);
    }

    return args.Length == 0 ? 2 : 0;
}

if (!Targets.TryGet(args[0], out var target))
{
    Console.Error.WriteLine($"Unknown target '{args[0]}'; known: {string.Join(", ", Targets.Names)}");
    return 2;
}

if (args.Length > 1 && args[1] == "--replay")
{
    return Replay.Run(target, args[2..]);
}

Fuzzer.OutOfProcess.Run(stream =>
{
    using var buffer = new MemoryStream();
    stream.CopyTo(buffer);
    target(buffer.GetBuffer().AsSpan(0, (int)buffer.Length));
});
return 0;
