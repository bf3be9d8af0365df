using System.ComponentModel.DataAnnotations;
using System.Net;
using ContactCenter.Sip.Syntax;

namespace ContactCenter.Sip.Transport;

/// <summary>Listeners, limits and timeouts of the SIP transport (section <c>Sip:Transport</c>).</summary>
public sealed class SipTransportOptions : IValidatableObject
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Sip:Transport";

    /// <summary>The largest UDP payload over IPv4 (65,535 minus the IP and UDP headers).</summary>
    public const int MaxUdpPayload = 65_507;

    /// <summary>The IP address both listeners bind to; also what the transport advertises in Via.</summary>
    [Required]
    public string ListenAddress { get; init; } = "127.0.0.1";

    /// <summary>The UDP port; 0 picks a free one (see <see cref="ISipTransport.LocalEndPoints"/>).</summary>
    [Range(0, 65_535)]
    public int UdpPort { get; init; } = 5060;

    /// <summary>The TCP port; 0 picks a free one (see <see cref="ISipTransport.LocalEndPoints"/>).</summary>
    [Range(0, 65_535)]
    public int TcpPort { get; init; } = 5060;

    /// <summary>SIP over TLS: the listener, our certificate and whom we trust (off by default).</summary>
    public SipTlsOptions Tls { get; init; } = new();

    /// <summary>
    /// Other host names or addresses that may appear as sent-by in the top Via of responses meant for
    /// us (a DNS name, a public address behind NAT). The listen address is always accepted.
    /// </summary>
    public List<string> AdvertisedHosts { get; init; } = [];

    /// <summary>
    /// The address phones and carriers reach us at when we sit behind NAT (forwarded to <see cref="ListenAddress"/>, same
    /// ports): the Via sent-by and Contact of what we send over UDP, TCP and TLS carry it, and responses naming it in
    /// their Via are ours. Sockets still bind to <see cref="ListenAddress"/>. Null: the listen address.
    /// </summary>
    public string? PublicAddress { get; init; }

    /// <summary>
    /// A public address per listener (<c>udp</c>, <c>tcp</c>, <c>tls</c>), overriding <see cref="PublicAddress"/> for it: e.g. the
    /// TLS listener faces the internet through NAT while UDP serves the office LAN as it is. Via and Contact of what goes
    /// out on a listener name its public address; the relay's public media address (<c>Sip:Rtp:PublicAddress</c>) goes
    /// only to legs whose signalling uses a listener with a public address.
    /// </summary>
    public Dictionary<string, string> PublicAddresses { get; init; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The public address of the listener for <paramref name="protocol"/> (its own, else <see cref="PublicAddress"/>), or null.</summary>
    public IPAddress? PublicAddressFor(SipTransportProtocol protocol)
    {
        var name = protocol is SipTransportProtocol.Wss ? "tls" : protocol.ToString().ToLowerInvariant();
        var own = PublicAddresses.FirstOrDefault(p => string.Equals(p.Key, name, StringComparison.OrdinalIgnoreCase)).Value;
        var configured = own ?? PublicAddress;
        return IPAddress.TryParse(configured, out var address) ? address : null;
    }

    /// <summary>True when any listener has a public address (then only legs on such listeners use the public media address).</summary>
    public bool HasPublicAddress => PublicAddress is not null || PublicAddresses.Count > 0;

    /// <summary>Largest message in bytes, over TCP and in one UDP datagram; larger requests get 513 (RFC 3261 §21.5.7).</summary>
    [Range(1_024, 65_535)]
    public int MaxMessageBytes { get; init; } = SipParserLimits.DefaultMaxMessageBytes;

    /// <summary>Largest number of header lines in a message.</summary>
    [Range(8, 1_024)]
    public int MaxHeaderCount { get; init; } = SipParserLimits.DefaultMaxHeaderCount;

    /// <summary>Longest header line in bytes.</summary>
    [Range(256, 65_535)]
    public int MaxLineLength { get; init; } = SipParserLimits.DefaultMaxLineLength;

    /// <summary>Largest number of Via elements in a message.</summary>
    [Range(1, 1_024)]
    public int MaxViaCount { get; init; } = SipParserLimits.DefaultMaxViaCount;

    /// <summary>A TCP connection holding part of a message is closed when no whole message arrives within this time.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan TcpPartialMessageTimeout { get; init; } = TimeSpan.FromSeconds(32);

    /// <summary>A TCP connection with nothing buffered is closed after this long without data (see <see cref="TcpKeepAliveLimit"/>).</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan TcpIdleTimeout { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// Keep-alive pings (CRLF) keep a TCP connection open at most this long after its last SIP message, so pings alone cannot
    /// hold a connection slot forever; a registration made over the connection holds it until the binding expires.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan TcpKeepAliveLimit { get; init; } = TimeSpan.FromHours(1);

    /// <summary>How long an outbound TCP connect may take before the send fails.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:05:00")]
    public TimeSpan TcpConnectTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>How long one TCP write may take (a peer that stops reading) before the connection is closed.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:05:00")]
    public TimeSpan TcpWriteTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Most TCP connections one remote IP address may hold; more are refused.</summary>
    [Range(1, 100_000)]
    public int MaxConnectionsPerSource { get; init; } = 32;

    /// <summary>Most TCP connections in total (inbound and outbound); more are refused.</summary>
    [Range(1, 1_000_000)]
    public int MaxConnections { get; init; } = 4_096;

    /// <summary>
    /// RFC 3261 §18.1.1: send requests larger than <see cref="LargeRequestThreshold"/> over TCP even when
    /// UDP was asked for, rewriting the top Via to TCP (and back to UDP when the connection fails). Off by
    /// default: many softphones do not listen on TCP, so the request would fail or fall back anyway.
    /// </summary>
    public bool PreferTcpForLargeRequests { get; init; }

    /// <summary>The size above which <see cref="PreferTcpForLargeRequests"/> applies (RFC 3261 §18.1.1: 1300 bytes).</summary>
    [Range(512, 65_535)]
    public int LargeRequestThreshold { get; init; } = 1_300;

    /// <summary>Parsed messages waiting for the handler; beyond it messages are dropped and counted.</summary>
    [Range(1, 1_000_000)]
    public int DispatchQueueCapacity { get; init; } = 4_096;

    /// <summary>
    /// Whether each receive loop hands its message to the handler itself (up to the handler's first await) instead of
    /// queueing it for the consumer tasks: one thread hop less per message (issue #14; the default since 1,000 calls/s
    /// were sustained for 60 s this way). <see cref="DispatchQueueCapacity"/> then bounds the messages handled at once,
    /// and <see cref="DispatchConcurrency"/> is unused.
    /// </summary>
    public bool DispatchInline { get; init; } = true;

    /// <summary>Queued dispatch only: how many tasks take messages from the queue (each starts a handling and takes the next).</summary>
    [Range(1, 256)]
    public int DispatchConcurrency { get; init; } = 2;

    /// <summary>How many loops receive from the UDP socket at once.</summary>
    [Range(1, 64)]
    public int UdpReceiveLoops { get; init; } = 2;

    /// <summary>
    /// SO_RCVBUF of the UDP socket. The kernel default (about 208 KB) overflows in bursts of a few hundred call
    /// setups per second and drops requests and responses; the kernel caps this at net.core.rmem_max.
    /// </summary>
    [Range(65_536, 256 * 1024 * 1024)]
    public int UdpReceiveBufferBytes { get; init; } = 4 * 1024 * 1024;

    /// <summary>At most one log line per source in this interval for messages that do not parse.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "01:00:00")]
    public TimeSpan ParseFailureLogInterval { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>How long a stop waits for queued messages to be handled and connections to close.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:05:00")]
    public TimeSpan ShutdownTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>The parser limits these options describe.</summary>
    public SipParserLimits ParserLimits => new()
    {
        MaxMessageBytes = MaxMessageBytes,
        MaxHeaderCount = MaxHeaderCount,
        MaxLineLength = MaxLineLength,
        MaxViaCount = MaxViaCount,
    };

    /// <inheritdoc/>
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!IPAddress.TryParse(ListenAddress, out _))
        {
            yield return new ValidationResult($"{Section}:{nameof(ListenAddress)} must be an IP address.", [nameof(ListenAddress)]);
        }

        if (PublicAddress is not null && (!IPAddress.TryParse(PublicAddress, out var advertised) || advertised.Equals(IPAddress.Any) || advertised.Equals(IPAddress.IPv6Any)))
        {
            yield return new ValidationResult($"{Section}:{nameof(PublicAddress)} must be an IP address peers can reach.", [nameof(PublicAddress)]);
        }

        foreach (var (listener, address) in PublicAddresses)
        {
            if (listener.ToLowerInvariant() is not ("udp" or "tcp" or "tls"))
            {
                yield return new ValidationResult($"{Section}:{nameof(PublicAddresses)}:{listener} is not a listener (udp, tcp or tls).", [nameof(PublicAddresses)]);
            }
            else if (!IPAddress.TryParse(address, out var own) || own.Equals(IPAddress.Any) || own.Equals(IPAddress.IPv6Any))
            {
                yield return new ValidationResult($"{Section}:{nameof(PublicAddresses)}:{listener} must be an IP address peers can reach.", [nameof(PublicAddresses)]);
            }
        }

        if (Tls.Port is not null && string.IsNullOrWhiteSpace(Tls.CertificatePath))
        {
            yield return new ValidationResult(
                $"{Section}:Tls:{nameof(SipTlsOptions.CertificatePath)} is required when {Section}:Tls:{nameof(SipTlsOptions.Port)} is set.",
                [nameof(Tls)]);
        }

        if (MaxConnectionsPerSource > MaxConnections)
        {
            yield return new ValidationResult(
                $"{Section}: {nameof(MaxConnectionsPerSource)} must not exceed {nameof(MaxConnections)}.",
                [nameof(MaxConnectionsPerSource), nameof(MaxConnections)]);
        }
    }
}
