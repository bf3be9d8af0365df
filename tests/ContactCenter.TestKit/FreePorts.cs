using System.Net;
using System.Net.Sockets;

namespace ContactCenter.TestKit;

/// <summary>Finds free TCP/UDP ports on 127.0.0.1.</summary>
public static class FreePorts
{
    /// <summary>A port free for both TCP and UDP on 127.0.0.1 at the moment of the call.</summary>
    public static int Next()
    {
        for (var attempt = 0; attempt < 50; attempt++)
        {
            using var tcp = new TcpListener(IPAddress.Loopback, 0);
            tcp.Start();
            var port = ((IPEndPoint)tcp.LocalEndpoint).Port;
            try
            {
                using var udp = new UdpClient(new IPEndPoint(IPAddress.Loopback, port));
                return port;
            }
            catch (SocketException)
            {
                // taken for UDP: try another
            }
        }

        throw new InvalidOperationException("No free port found on 127.0.0.1.");
    }
}
