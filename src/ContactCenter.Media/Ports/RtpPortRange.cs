using System.Net;

namespace ContactCenter.Media.Ports;

/// <summary>The address media sockets bind to and the ports an <see cref="RtpPortAllocator"/> hands out (both ends included).</summary>
public sealed record RtpPortRange(IPAddress Address, int PortMin, int PortMax);
