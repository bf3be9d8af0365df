namespace ContactCenter.Crm.Model;

/// <summary>
/// A carrier trunk managed in the admin console (issue #17): where its peer is, how its calls are trusted, the digest
/// account we answer its challenges with, whether we register to it, and the numbers it may carry out and in. The
/// engine reads trunks from an in-memory snapshot, never from here per call.
/// </summary>
public sealed class Trunk
{
    /// <summary>Longest name.</summary>
    public const int MaxNameLength = 40;

    /// <summary>Unique name: letters, digits, '-', '_' and '.'; shown in call records and metrics.</summary>
    public required string Name { get; set; }

    /// <summary>The carrier's IP address (no DNS).</summary>
    public required string Address { get; set; }

    /// <summary>The carrier's port.</summary>
    public int Port { get; set; } = 5060;

    /// <summary><c>udp</c>, <c>tcp</c> or <c>tls</c>.</summary>
    public string Transport { get; set; } = "udp";

    /// <summary>Further addresses the carrier's calls come from (its address and port are trusted already).</summary>
    public List<string> SourceAddresses { get; set; } = [];

    /// <summary>The digest user we answer its challenges with (and register with); null answers none.</summary>
    public string? AuthUser { get; set; }

    /// <summary>The digest password: a secret, never returned by the API nor written to logs or the audit.</summary>
    public string? Password { get; set; }

    /// <summary>The only realm whose challenges are answered; null answers the one the carrier names.</summary>
    public string? Realm { get; set; }

    /// <summary>True: we keep an account registered at the carrier (its address is the registrar).</summary>
    public bool Register { get; set; }

    /// <summary>The account registered (the address-of-record's user).</summary>
    public string? RegisterUser { get; set; }

    /// <summary>The carrier's SIP domain for the registration; null: its address.</summary>
    public string? RegisterDomain { get; set; }

    /// <summary>The registration lifetime asked for, in seconds.</summary>
    public int RegisterExpires { get; set; } = 3600;

    /// <summary>The caller ID presented on the calls placed through it (E.164); null: anonymous.</summary>
    public string? CallerId { get; set; }

    /// <summary>E.164 prefixes of the numbers it carries out (e.g. <c>+7495</c>); empty: any the dial plan allows.</summary>
    public List<string> Prefixes { get; set; } = [];

    /// <summary>The audio formats of its calls in preference order (PCMA, PCMU, telephone-event); empty: the engine's default.</summary>
    public List<string> Codecs { get; set; } = [];

    /// <summary>True: its calls use TLS and SRTP only (RTP/SAVP offers with SDES keys; plain RTP offers refused).</summary>
    public bool RequireTlsAndSrtp { get; set; }

    /// <summary>Lower goes first among the trunks that may carry a number; the next is tried when one fails.</summary>
    public int Priority { get; set; } = 100;

    /// <summary>False: the trunk neither carries calls nor registers; its calls are not trusted.</summary>
    public bool IsEnabled { get; set; } = true;

    /// <summary>When it last changed.</summary>
    public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>Its numbers (DIDs).</summary>
    public List<TrunkNumber> Numbers { get; set; } = [];
}
