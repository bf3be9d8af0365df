using System.ComponentModel.DataAnnotations;

namespace ContactCenter.CallEngine.Configuration;

/// <summary>The carrier trunk (section <c>Sip:Trunk</c>): inbound calls come from it, outbound calls go to it.</summary>
public sealed class TrunkOptions
{
    /// <summary>The trunk's name in the console, the call records and the metrics.</summary>
    public string Name { get; set; } = "trunk";

    /// <summary>Carrier address; INVITEs from this address and <see cref="Port"/> are trusted as the carrier's.</summary>
    [Required]
    public string Address { get; set; } = "127.0.0.1";

    /// <summary>Carrier port.</summary>
    [Range(1, 65_535, ErrorMessage = "Sip:Trunk:Port must be a port from 1 to 65535.")]
    public int Port { get; set; } = 5090;

    /// <summary>The company's caller ID on outbound calls (E.164).</summary>
    public string? CallerId { get; set; }

    /// <summary>
    /// The digest user we answer the carrier's 401/407 with on the calls we place to it (INVITE, and re-INVITE, REFER, BYE
    /// in them); null (the default) answers no challenge.
    /// </summary>
    public string? AuthUser { get; set; }

    /// <summary>The digest password for <see cref="AuthUser"/> (from an environment variable or a secrets file; never logged).</summary>
    public string? Password { get; set; }

    /// <summary>The only realm whose challenges are answered; null answers the realm the carrier names.</summary>
    public string? Realm { get; set; }

    /// <summary>Among the trunks that may carry a number, lower goes first (the database trunks have priorities too).</summary>
    [Range(0, 1000)]
    public int Priority { get; set; } = 100;

    /// <summary>Regular expressions (on E.164) for numbers agents may dial out to.</summary>
    public List<string> AllowedDestinations { get; set; } = [];
}
