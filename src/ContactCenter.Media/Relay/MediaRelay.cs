using System.Diagnostics.CodeAnalysis;
using ContactCenter.Media.Audio;
using ContactCenter.Media.Ports;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ContactCenter.Media.Relay;

/// <summary>
/// The call engine's entry to the media relay: creates leg endpoints on leased ports, bridges between them and
/// announcement players. Thread-safe; what it creates belongs to the caller (dispose endpoints when the leg ends).
/// Disposing it closes the port pairs kept warm between legs.
/// </summary>
public sealed class MediaRelay : IDisposable
{
    private readonly RtpPortAllocator _ports;
    private readonly WarmPortPairs _pairs;
    private readonly MediaOptions _options;
    private readonly MediaMetrics _metrics;
    private readonly TimeProvider _time;
    private readonly ILogger<MediaEndpoint> _endpointLogger;
    private readonly ILogger<MediaBridge> _bridgeLogger;

    /// <summary>Creates the relay.</summary>
    public MediaRelay(
        RtpPortAllocator ports, IOptions<MediaOptions> options, MediaMetrics metrics, TimeProvider time, ILoggerFactory loggerFactory)
    {
        ArgumentNullException.ThrowIfNull(ports);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(metrics);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(loggerFactory);
        _ports = ports;
        _options = options.Value;
        _metrics = metrics;
        _time = time;
        _endpointLogger = loggerFactory.CreateLogger<MediaEndpoint>();
        _bridgeLogger = loggerFactory.CreateLogger<MediaBridge>();
        _pairs = new WarmPortPairs(ports, time, _endpointLogger, _options.WarmPortPairs, _options.WarmPortRest);
    }

    /// <summary>The port allocator (capacity and use).</summary>
    public RtpPortAllocator Ports => _ports;

    /// <summary>The address our SDP names for the relay's ports (<see cref="MediaOptions.PublicAddress"/>), or null for each endpoint's own.</summary>
    public System.Net.IPAddress? PublicAddress =>
        System.Net.IPAddress.TryParse(_options.PublicAddress, out var address) ? address : null;

    /// <summary>
    /// Opens an endpoint for one leg on a fresh port pair and starts receiving; false when no port pair is free
    /// (answer the call with 503 or 488, not an exception).
    /// </summary>
    /// <param name="format">The leg's negotiated payload types; can be changed later (re-INVITE).</param>
    /// <param name="endpoint">The endpoint; put <see cref="MediaEndpoint.LocalRtpEndPoint"/> into our SDP.</param>
    public bool TryCreateEndpoint(MediaLegFormat format, [NotNullWhen(true)] out MediaEndpoint? endpoint)
    {
        ArgumentNullException.ThrowIfNull(format);
        if (!_pairs.TryTake(out ReceivingPair? pair))
        {
            endpoint = null;
            return false;
        }

        try
        {
            endpoint = new MediaEndpoint(pair!, _pairs, format, _options, _time, _metrics, _endpointLogger);
        }
        catch
        {
            _pairs.Return(pair!);
            throw;
        }

        endpoint.Start();
        return true;
    }

    /// <summary>How many port pairs are kept bound between legs now (<see cref="MediaOptions.WarmPortPairs"/>).</summary>
    public int WarmPairs => _pairs.Parked;

    /// <inheritdoc/>
    public void Dispose() => _pairs.Dispose();

    /// <summary>Bridges two endpoints and starts relaying and the silence timer.</summary>
    public MediaBridge CreateBridge(MediaEndpoint a, MediaEndpoint b)
    {
        var bridge = new MediaBridge(a, b, _options, _time, _metrics, _bridgeLogger);
        bridge.Start();
        return bridge;
    }

    /// <summary>A player of <paramref name="frames"/> to <paramref name="endpoint"/> in its format; call Start.</summary>
    public AnnouncementPlayer CreatePlayer(MediaEndpoint endpoint, G711Frames frames, bool loop)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        return new AnnouncementPlayer(endpoint, frames, endpoint.Format, loop, _time);
    }
}
