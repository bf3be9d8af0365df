using System.Net;
using System.Net.Sockets;

namespace ContactCenter.TestKit;

/// <summary>
/// Finds free TCP/UDP ports on 127.0.0.1 for servers and peers the tests start (sipp, baresip, hosts, PostgreSQL).
/// </summary>
/// <remarks>
/// Ports come from 12,000-19,999: below the kernel's ephemeral range (32,768+), so no outgoing connection or
/// port-0 bind of any process can take a port between our check and the peer's own bind (sipp failed with
/// "Unable to bind main socket" when test classes ran side by side), and below the hosts' RTP range
/// (20,000-29,999). Each test process walks the range from its own starting point and never hands out a port
/// twice. Test processes running at the same time (the CI runs suites side by side) also reserve each port they hand out
/// for <see cref="Reservation"/> with a file in <c>/tmp/cc-freeports</c>: a port is free to be bound seconds after it was
/// picked (a host binds after its migrations), and two processes walking the range close behind each other otherwise
/// handed out the same port (the host then failed with "Address already in use"). Ports handed out are 4 apart: a
/// media port given to sipp or baresip is followed by its RTCP (+1) and sipp's video pair (+2, +3).
/// </remarks>
public static class FreePorts
{
    private const int First = 12_000;
    private const int Stride = 4;
    private const int Count = 8_000 / Stride;
    private static int _next = Environment.ProcessId * 797 % Count;
    private static readonly TimeSpan Reservation = TimeSpan.FromMinutes(2);
    private static readonly string Reservations = Path.Combine(Path.GetTempPath(), "cc-freeports");

    /// <summary>A port free for both TCP and UDP on 127.0.0.1 at the moment of the call, not handed out before by this process.</summary>
    public static int Next()
    {
        for (var attempt = 0; attempt < Count; attempt++)
        {
            var port = First + (Stride * ((Interlocked.Increment(ref _next) & int.MaxValue) % Count));
            if (IsFree(port) && Reserve(port))
            {
                return port;
            }
        }

        throw new InvalidOperationException("No free port found on 127.0.0.1 in 12000-19999.");
    }

    // True when no test process reserved the port in the last two minutes; the reservation is then this process's.
    private static bool Reserve(int port)
    {
        try
        {
            Directory.CreateDirectory(Reservations);
            var path = Path.Combine(Reservations, port.ToString(System.Globalization.CultureInfo.InvariantCulture));
            if (File.Exists(path))
            {
                if (DateTime.UtcNow - File.GetLastWriteTimeUtc(path) < Reservation)
                {
                    return false;
                }

                File.Delete(path);
            }

            using var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None);
            return true;
        }
        catch (IOException)
        {
            return false; // another process reserved it this very moment
        }
        catch (UnauthorizedAccessException)
        {
            return true; // no shared folder to reserve in: the bind check alone
        }
    }

    private static bool IsFree(int port)
    {
        try
        {
            using var tcp = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            tcp.Bind(new IPEndPoint(IPAddress.Loopback, port));
            using var udp = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
            udp.Bind(new IPEndPoint(IPAddress.Loopback, port));
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
