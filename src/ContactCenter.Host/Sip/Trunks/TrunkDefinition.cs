using System.Net;
using ContactCenter.Sip.Transport;
using ContactCenter.Sip.UserAgents.Outbound;
using ContactCenter.Sip.UserAgents.Sessions;

namespace ContactCenter.Host.Sip.Trunks;

/// <summary>
/// One trunk as the telephony side uses it, from the database (managed in the console) or from configuration
/// (<c>Sip:Trunk</c>, read-only). Immutable: a snapshot replaces the whole set. The password never appears in
/// <see cref="ToString"/>.
/// </summary>
public sealed record TrunkDefinition(string Name, IPAddress Address, int Port, SipTransportProtocol Transport)
{
    /// <summary>True for the trunk of <c>Sip:Trunk</c> (shown read-only).</summary>
    public bool IsConfigured { get; init; }

    /// <summary>Further addresses its calls come from.</summary>
    public IReadOnlyList<IPAddress> Sources { get; init; } = [];

    /// <summary>The digest account answering its challenges (and registering), or null.</summary>
    public TrunkCredentials? Credentials { get; init; }

    /// <summary>The registration at it, or null when we do not register.</summary>
    public OutboundRegistrationOptions? Registration { get; init; }

    /// <summary>The caller ID on calls placed through it.</summary>
    public string? CallerId { get; init; }

    /// <summary>E.164 prefixes it carries (database trunks).</summary>
    public IReadOnlyList<string> Prefixes { get; init; } = [];

    /// <summary>Regular expressions on E.164 it carries (the configured trunk's <c>AllowedDestinations</c>).</summary>
    public IReadOnlyList<string> AllowedDestinations { get; init; } = [];

    /// <summary>Lower goes first.</summary>
    public int Priority { get; init; } = 100;

    /// <summary>False: neither carries, registers nor is trusted.</summary>
    public bool IsEnabled { get; init; } = true;

    /// <summary>Its numbers (DIDs): number as entered -> service number or extension.</summary>
    public IReadOnlyDictionary<string, string> Numbers { get; init; } = new Dictionary<string, string>();

    /// <summary>Its legs' audio formats in preference order (<c>LegCodecs</c> names); empty for the engine's default.</summary>
    public IReadOnlyList<string> Codecs { get; init; } = [];

    /// <summary>True: reached over TLS only, its media SRTP only (RTP/SAVP offers, plain offers refused).</summary>
    public bool RequireTlsAndSrtp { get; init; }

    /// <summary>The session layer's view of it.</summary>
    public TrunkPeer ToPeer() => new(Address, Port)
    {
        Name = Name, Transport = Transport, Sources = Sources, Credentials = Credentials, Codecs = Codecs, RequireTlsAndSrtp = RequireTlsAndSrtp,
    };

    /// <inheritdoc />
    public override string ToString() => $"Trunk {{ Name = {Name}, Peer = {Transport.ToString().ToLowerInvariant()}:{Address}:{Port} }}";
}
