// Where the host's allocations come from, from a PROFILE=gc-verbose run of bench/calls/run.sh (issue #14):
//   dotnet run -c Release --project bench/calls/AllocReport -- $work/profile-RATE.nettrace
// Reads the runtime's GCAllocationTick samples (one per ~100 KB allocated, with the type that crossed the mark and its
// stack) and prints the sampled bytes by type, by the first ContactCenter frame on the stack, and by type and stack top.
using Microsoft.Diagnostics.Tracing.Etlx;
using Microsoft.Diagnostics.Tracing.Parsers.Clr;
if (args.Length != 1)
{
    Console.Error.WriteLine("usage: AllocReport <profile.nettrace>");
    return 2;
}

var path = args[0];
var etlx = TraceLog.CreateFromEventPipeDataFile(path);
using var log = new TraceLog(etlx);
var byType = new Dictionary<string, long>();
var byFrame = new Dictionary<string, long>();
var byStack = new Dictionary<string, long>();
long total = 0;
foreach (var ev in log.Events)
{
    if (ev is not GCAllocationTickTraceData a) continue;
    var amount = a.AllocationAmount64;
    total += amount;
    byType[a.TypeName ?? "?"] = byType.GetValueOrDefault(a.TypeName ?? "?") + amount;
    var stack = ev.CallStack();
    string? own = null; var frames = new List<string>();
    for (var s = stack; s != null; s = s.Caller)
    {
        var m = s.CodeAddress.FullMethodName ?? "";
        if (frames.Count < 6) frames.Add(m);
        if (own is null && m.Contains("ContactCenter")) own = m;
    }
    own ??= "(no own frame) " + (frames.Count > 0 ? frames[Math.Min(frames.Count - 1, 3)] : "?");
    byFrame[own] = byFrame.GetValueOrDefault(own) + amount;
    var key = a.TypeName + " <- " + string.Join(" <- ", frames.Take(4));
    byStack[key] = byStack.GetValueOrDefault(key) + amount;
}
Console.WriteLine($"total sampled {total / 1e6:F1} MB");
void Top(string title, Dictionary<string, long> d, int n)
{
    Console.WriteLine($"== {title}");
    foreach (var (k, v) in d.OrderByDescending(p => p.Value).Take(n)) Console.WriteLine($"{100.0 * v / total,6:F2}%  {k}");
}
Top("by type", byType, 30);
Top("by first own frame", byFrame, 50);
Top("by stack", byStack, 40);
return 0;
