using BenchmarkDotNet.Running;
using ContactCenter.Benchmarks.CallLog;
using ContactCenter.Benchmarks.Import;

// "calllog" runs the call-log load (bench/calllog/run.sh), "import" the client and receivable import (bench/import/run.sh),
// "reports" the reports over a year of calls (bench/reports/run.sh);
// anything else goes to BenchmarkDotNet.
if (args.Length > 0 && args[0] == "calllog")
{
    return await CallLogLoad.RunAsync(args[1..]);
}

if (args.Length > 0 && args[0] == "reports")
{
    return await ContactCenter.Benchmarks.Reports.ReportsLoad.RunAsync(args[1..]);
}

if (args.Length > 0 && args[0] is "import" or "clientimport")
{
    return await ImportLoad.RunAsync(args[1..]);
}

BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
return 0;
