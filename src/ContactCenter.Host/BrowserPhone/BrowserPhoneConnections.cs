using System.Collections.Concurrent;
using ContactCenter.Sip.Transport;
using ContactCenter.Sip.UserAgents.Registration;

namespace ContactCenter.Host.BrowserPhone;

/// <summary>
/// The open browser-phone WebSockets and whose they are (the signed-in user's extension); when one closes, the contacts
/// registered over it are removed at once (RFC 7118 §5: a contact reachable only over that connection is gone with it).
/// </summary>
public sealed class BrowserPhoneConnections(LocationService locations)
{
    private readonly ConcurrentDictionary<SipEndPoint, string> _extensions = new();
    private int _portless;

    /// <summary>A stand-in port for a connection whose client port is unknown (forwarded by a reverse proxy): keys stay unique.</summary>
    public int PortlessKey() => 1 + (int)((uint)Interlocked.Increment(ref _portless) % 65_535);

    /// <summary>The extension signed in on the connection from <paramref name="remote"/>, or null when it is no browser phone's.</summary>
    public string? ExtensionOf(SipEndPoint remote) => _extensions.GetValueOrDefault(remote);

    /// <summary>Notes an opened connection.</summary>
    public void Opened(SipEndPoint remote, string extension) => _extensions[remote] = extension;

    /// <summary>Forgets a closed connection and removes every binding of its extension registered over it; returns how many.</summary>
    public int Closed(SipEndPoint remote)
    {
        if (!_extensions.TryRemove(remote, out var extension))
        {
            return 0;
        }

        var removed = 0;
        foreach (var binding in locations.Lookup(extension))
        {
            if (SipEndPoint.ParseTransport(binding.Source.Transport) == remote.Protocol && binding.Source.EndPoint.Equals(remote.EndPoint))
            {
                // As the browser's own un-REGISTER would: same Call-ID, next CSeq, lifetime zero.
                var result = locations.Update(extension, binding.CallId, binding.CSeq + 1, [new BindingRequest(binding.Contact, TimeSpan.Zero)], binding.Source);
                removed += result.Status == BindingUpdateStatus.Applied ? 1 : 0;
            }
        }

        return removed;
    }
}
