using System.Diagnostics.Metrics;
using ContactCenter.Media.Ports;
using ContactCenter.Media.Relay;
using ContactCenter.Media.Srtp;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace RelayBench;

/// <summary>
/// The relay under test: N bridges of two endpoints each, latching onto the generator's sockets. With SRTP, leg a of each
/// call is SRTP (AES_CM_128_HMAC_SHA1_80, fresh keys per call) and leg b plain RTP: the relay decrypts and encrypts.
/// </summary>
internal static class RelayMode
{
    public static async Task<int> RunAsync(int calls, int portMin, string portsFile, bool srtp)
    {
        using ServiceProvider services = new ServiceCollection().AddMetrics().BuildServiceProvider();
        var options = new MediaOptions { PortMin = portMin, PortMax = portMin + (calls * 4) + 64 };
        var metrics = new MediaMetrics(services.GetRequiredService<IMeterFactory>());
        var relay = new MediaRelay(
            new RtpPortAllocator(Options.Create(options), metrics), Options.Create(options), metrics, TimeProvider.System, NullLoggerFactory.Instance);
        GC.Collect();
        Console.WriteLine($"rss_idle_kb {ProcessMemory.RssKilobytes()}");

        var endpoints = new List<MediaEndpoint>(calls * 2);
        var bridges = new List<MediaBridge>(calls);
        var lines = new List<string>(calls);
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
            bridges.Add(relay.CreateBridge(a, b));
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
}
