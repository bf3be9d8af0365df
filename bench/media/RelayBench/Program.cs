using RelayBench;

// relay CALLS PORT_MIN PORTS_FILE [srtp|supervised] : N bridged calls on 127.0.0.1; writes "aPort bPort" per call (with
//                                          srtp: leg a is SRTP, and the line adds the phone's and the relay's keys; with
//                                          supervised: a supervisor listens to every call), waits for stdin to close
// gen PORTS_FILE SECONDS WARMUP_S         : two fake phones per call, 50 packets/s each way; prints loss and added jitter
return args.FirstOrDefault() switch
{
    "relay" when args.Length == 4 => await RelayMode.RunAsync(int.Parse(args[1]), int.Parse(args[2]), args[3], srtp: false),
    "relay" when args.Length == 5 && args[4] == "srtp" => await RelayMode.RunAsync(int.Parse(args[1]), int.Parse(args[2]), args[3], srtp: true),
    "relay" when args.Length == 5 && args[4] == "supervised" =>
        await RelayMode.RunAsync(int.Parse(args[1]), int.Parse(args[2]), args[3], srtp: false, supervised: true),
    "gen" when args.Length == 4 => await GeneratorMode.RunAsync(args[1], int.Parse(args[2]), int.Parse(args[3])),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("usage: RelayBench relay CALLS PORT_MIN PORTS_FILE [srtp|supervised] | RelayBench gen PORTS_FILE SECONDS WARMUP_S");
    return 2;
}
