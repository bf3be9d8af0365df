using System.ComponentModel.DataAnnotations;

namespace ContactCenter.Sip.UserAgents.Authentication;

/// <summary>
/// One configured SIP user for <see cref="InMemorySipCredentialStore"/>: an extension with either a
/// password (hashed at load and then dropped) or ready-made HA1 values.
/// </summary>
public sealed class SipCredentialEntry
{
    /// <summary>The extension, used as the digest username.</summary>
    [Required]
    [MinLength(1)]
    public string Extension { get; init; } = string.Empty;

    /// <summary>The plain password; hashed into HA1 for every algorithm when the store is built.</summary>
    public string? Password { get; init; }

    /// <summary>HA1 for MD5 as lower-case hex, used when <see cref="Password"/> is absent.</summary>
    public string? Ha1Md5 { get; init; }

    /// <summary>HA1 for SHA-256 as lower-case hex, used when <see cref="Password"/> is absent.</summary>
    public string? Ha1Sha256 { get; init; }
}
