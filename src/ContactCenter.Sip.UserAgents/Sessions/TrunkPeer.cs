using System.Net;

namespace ContactCenter.Sip.UserAgents.Sessions;

/// <summary>The carrier trunk whose INVITEs are trusted by their source (its address, and over UDP its port).</summary>
/// <param name="Address">The carrier's address.</param>
/// <param name="Port">The carrier's port (over TCP its source port is ephemeral and not checked).</param>
public sealed record TrunkPeer(IPAddress Address, int Port);
