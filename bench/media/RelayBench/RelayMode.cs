using System.Diagnostics.Metrics;
using System.Net;
using System.Net.Sockets;
using ContactCenter.Media.Ports;
using ContactCenter.Media.Relay;
using ContactCenter.Media.Srtp;
using ContactCenter.Media.Supervision;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace RelayBench;

/// <summary>
/// The relay under test: N bridges of two endpoints each, latching onto the generator's sockets. With SRTP, leg a of each
/// call is SRTP (AES_CM_128_HMAC_SHA1_80, fresh keys per call) and leg b plain RTP: the relay decrypts and encrypts. With
/// supervision (issue #19), a third endpoint per call listens (<see cref="SupervisionSession"/>: both parties decoded, mixed
/// and encoded every 20 ms) and sends the mix to a sink socket in this process, which reads and drops it.
/// </summary>
internal static class RelayMode
{
    public static async Task<int> RunAsync(int calls, int portMin, string portsFile, bool srtp, bool supervised = false)
    {
        using ServiceProvider services = new ServiceCollection().AddMetrics().BuildServiceProvider();
        var options = new MediaOptions { PortMin = portMin, PortMax = portMin + (calls * 6) + 64 };
        var metrics = new MediaMetrics(services.GetRequiredService<IMeterFactory>());
        var relay = new MediaRelay(
            new RtpPortAllocator(options.PortRange, metrics), Options.Create(options), metrics, TimeProvider.System, NullLoggerFactory.Instance);
        GC.Collect();
        Console.WriteLine($"rss_idle_kb {ProcessMemory.RssKilobytes()}");

        var endpoints = new List<MediaEndpoint>(calls * 2);
        var bridges = new List<MediaBridge>(calls);
        var lines = new List<string>(calls);
        var supervisions = new List<SupervisionSession>();
        using var sink = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        sink.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        sink.ReceiveBufferSize = 4 << 20;
        using var stopSink = new CancellationTokenSource();
        Task sinkLoop = supervised ? DrainAsync(sink, stopSink.Token) : Task.CompletedTask;
        for (int i = 0; i < calls; i++)
        {
            if (!relay.TryCreateEndpoint(MediaLegFormat.Pcmu, out MediaEndpoint? a) || !relay.TryCreateEndpoint(MediaLegFormat.Pcmu, out MediaEndpoint? b))
            {
                Console.Error.WriteLine($"ports exhausted at call {i}");
                return 1;
            }

            // The engine lets a leg latch only to an address its SDP or SIP named: here, the generator's.
            a.AllowSource(System.Net.IPAddress.Loopback);
            b.AllowSource(System.Net.IPAddress.Loopback);
            endpoints.Add(a);
            endpoints.Add(b);
            MediaBridge bridge = relay.CreateBridge(a, b);
            bridges.Add(bridge);
            if (supervised)
            {
                if (!relay.TryCreateEndpoint(MediaLegFormat.Pcmu, out MediaEndpoint? supervisor))
                {
                    Console.Error.WriteLine($"ports exhausted at the supervisor of call {i}");
                    return 1;
                }

                supervisor.SetRemote((IPEndPoint)sink.LocalEndPoint!);
                endpoints.Add(supervisor);
                supervisions.Add(SupervisionSession.Start(bridge, supervisor, MediaLegSide.A, SupervisionMode.Listen, TimeProvider.System));
            }

            string keys = "";
            if (srtp)
            {
                SrtpMasterKey phoneKey = SrtpMasterKey.Generate(SrtpSuite.AesCm128HmacSha1x80), relayKey = SrtpMasterKey.Generate(SrtpSuite.AesCm128HmacSha1x80);
                a.SetSrtp(new SrtpSession(relayKey, phoneKey));
                keys = $" {phoneKey.ToBase64()} {relayKey.ToBase64()}";
            }

            lines.Add($"{a.LocalRtpEndPoint.Port} {b.LocalRtpEndPoint.Port}{keys}");
        }

        await File.WriteAllLinesAsync(portsFile + ".tmp", lines);
        File.Move(portsFile + ".tmp", portsFile, overwrite: true);
        Console.WriteLine($"ready {calls}");

        // Runs until the script closes stdin.
        await Console.In.ReadToEndAsync();

        long received = endpoints.Sum(e => e.Statistics.PacketsReceived);
        long sent = endpoints.Sum(e => e.Statistics.PacketsSent);
        Console.WriteLine($"relay_received {received} relay_sent {sent}");
        foreach (SupervisionSession supervision in supervisions)
        {
            await supervision.DisposeAsync();
        }

        await stopSink.CancelAsync();
        await sinkLoop;
        foreach (MediaBridge bridge in bridges)
        {
            await bridge.DisposeAsync();
        }

        foreach (MediaEndpoint endpoint in endpoints)
        {
            await endpoint.DisposeAsync();
        }

        return 0;
    }

    // Reads and drops what the supervisors are sent (a phone would play it).
    private static async Task DrainAsync(Socket sink, CancellationToken cancellationToken)
    {
        var buffer = new byte[2_048];
        try
        {
            while (true)
            {
                await sink.ReceiveAsync(buffer, SocketFlags.None, cancellationToken);
            }
        }
        catch (OperationCanceledException)
        {
        }
    }
}
