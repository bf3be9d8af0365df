using System.Net;

namespace ContactCenter.Sdp.OfferAnswer;

/// <summary>
/// Keeps our <c>o=</c> line for one call leg: the same user, session id and address throughout,
/// and a version that goes up by one whenever the description we send changes (RFC 3264 §8).
/// </summary>
public sealed class SdpOriginTracker
{
    private readonly Lock _lock = new();
    private SdpOrigin _origin;
    private SdpSession? _last;

    /// <summary>Starts a tracker for a new session.</summary>
    /// <param name="address">Our address, written in <c>o=</c>.</param>
    /// <param name="sessionId">The session id; see <see cref="SdpOrigin.NewSessionId"/>.</param>
    /// <param name="initialVersion">The version of the first description.</param>
    /// <param name="userName">The user name, <c>-</c> by default.</param>
    public SdpOriginTracker(IPAddress address, string sessionId, ulong initialVersion, string userName = "-")
    {
        ArgumentNullException.ThrowIfNull(address);
        _origin = new SdpOrigin(userName, sessionId, initialVersion, "IN", SdpConnection.AddressTypeOf(address), address.ToString());
    }

    /// <summary>The origin of the last description stamped (or the initial one).</summary>
    public SdpOrigin Current
    {
        get
        {
            lock (_lock)
            {
                return _origin;
            }
        }
    }

    /// <summary>
    /// Returns <paramref name="session"/> with our origin: the version is incremented if the content differs
    /// from the last description stamped, and kept if it is the same (a re-sent, unchanged description).
    /// </summary>
    public SdpSession Stamp(SdpSession session)
    {
        ArgumentNullException.ThrowIfNull(session);
        lock (_lock)
        {
            SdpSession candidate = session with { Origin = _origin };
            if (_last is not null && candidate != _last)
            {
                _origin = _origin with { SessionVersion = _origin.SessionVersion + 1 };
                candidate = session with { Origin = _origin };
            }

            _last = candidate;
            return candidate;
        }
    }
}
