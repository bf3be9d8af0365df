namespace ContactCenter.Crm.Model;

/// <summary>
/// An extension's SIP credentials, managed in the admin console: only the HA1 digests (RFC 3261 §22.4 / RFC 7616
/// §3.4.2: <c>H(extension:realm:password)</c>) for MD5 and SHA-256, never the password. Overrides the extension's
/// entry in sip.json (which stays the demo's seed).
/// </summary>
public sealed class SipAccount
{
    /// <summary>The extension (digest username), digits.</summary>
    public required string Extension { get; set; }

    /// <summary>Name shown for the extension.</summary>
    public string? DisplayName { get; set; }

    /// <summary>The realm the digests were computed for; a different realm in settings makes them useless (the password must be reset).</summary>
    public required string Realm { get; set; }

    /// <summary>Lower-case hex MD5 HA1.</summary>
    public required string Ha1Md5 { get; set; }

    /// <summary>Lower-case hex SHA-256 HA1.</summary>
    public required string Ha1Sha256 { get; set; }

    /// <summary>False: the extension cannot authenticate (registration and calls refused).</summary>
    public bool IsActive { get; set; } = true;

    /// <summary>When the credentials or the state last changed.</summary>
    public DateTimeOffset UpdatedAt { get; set; }
}
