using System.ComponentModel.DataAnnotations;
using ContactCenter.Sip.UserAgents.Authentication;

namespace ContactCenter.Sip.UserAgents;

/// <summary>Registrar, digest authentication and failure rate limit settings (section <c>Sip:Registrar</c>).</summary>
public sealed class RegistrarOptions : IValidatableObject
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Sip:Registrar";

    /// <summary>The digest realm (RFC 3261 §22.1), usually the SIP domain.</summary>
    [Required]
    [MinLength(1)]
    public string Realm { get; init; } = "contactcenter.local";

    /// <summary>Binding lifetime when the REGISTER names none (RFC 3261 §10.2.1.1 suggests one hour).</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan DefaultExpiry { get; init; } = TimeSpan.FromSeconds(3600);

    /// <summary>Shortest lifetime accepted; shorter non-zero requests get 423 with Min-Expires (RFC 3261 §10.3 step 7).</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan MinExpiry { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Longest lifetime granted; longer requests are shortened to it.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "7.00:00:00")]
    public TimeSpan MaxExpiry { get; init; } = TimeSpan.FromSeconds(7200);

    /// <summary>Most bindings one extension may hold; a REGISTER that would exceed it gets 403.</summary>
    [Range(1, 100)]
    public int MaxBindingsPerExtension { get; init; } = 10;

    /// <summary>How long a nonce stays valid; an older one gets 401 with <c>stale=true</c>.</summary>
    [Range(typeof(TimeSpan), "00:00:10", "1.00:00:00")]
    public TimeSpan NonceLifetime { get; init; } = TimeSpan.FromSeconds(300);

    /// <summary>Whether a nonce is bound to the client's IP address (a phone that moves gets <c>stale=true</c>).</summary>
    public bool BindNonceToSourceAddress { get; init; } = true;

    /// <summary>Most nonces whose nonce-count is tracked at once; older ones are then answered as stale.</summary>
    [Range(16, 10_000_000)]
    public int MaxTrackedNonces { get; init; } = 100_000;

    /// <summary>
    /// The algorithms challenged with, in order of preference; unset means SHA-256 then MD5 (RFC 8760 §2.4).
    /// Clients that only know MD5 and read only the first challenge (sipp 3.6, many desk phones) need MD5 first.
    /// No default list here: the configuration binder appends to a pre-filled list instead of replacing it.
    /// </summary>
    public List<DigestAlgorithm>? Algorithms { get; init; }

    /// <summary>The algorithms actually offered: <see cref="Algorithms"/>, or SHA-256 then MD5 when unset or empty.</summary>
    public IReadOnlyList<DigestAlgorithm> EffectiveAlgorithms =>
        Algorithms is { Count: > 0 } ? Algorithms : [DigestAlgorithm.Sha256, DigestAlgorithm.Md5];

    /// <summary>Accept credentials without qop (RFC 2069 style, no replay protection). Off by default.</summary>
    public bool AllowRfc2069 { get; init; }

    /// <summary>Password guesses from one source (IPv6: one /64), or at one extension, within <see cref="FailureWindow"/> that block it.</summary>
    [Range(1, 10_000)]
    public int MaxFailures { get; init; } = 5;

    /// <summary>The window in which <see cref="MaxFailures"/> are counted.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan FailureWindow { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>How long a first block lasts; each further block of the same source or extension lasts twice as long as the one before.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "7.00:00:00")]
    public TimeSpan BlockFor { get; init; } = TimeSpan.FromSeconds(300);

    /// <summary>The longest block; a source or extension not blocked for this long starts again at <see cref="BlockFor"/>.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "30.00:00:00")]
    public TimeSpan MaxBlockFor { get; init; } = TimeSpan.FromDays(1);

    /// <summary>What a blocked source gets: 403 Forbidden (default) or no answer at all.</summary>
    public BlockedSourceAction BlockedAction { get; init; } = BlockedSourceAction.Forbid;

    /// <summary>Most sources whose failures are tracked at once (memory bound under a spray of addresses).</summary>
    [Range(16, 10_000_000)]
    public int MaxTrackedSources { get; init; } = 100_000;

    /// <summary>
    /// Extensions that must use TLS and SRTP (remote agents): their REGISTERs over anything but TLS get 403, calls from
    /// them must come over TLS, and their calls' media must be SRTP (plain offers get 488).
    /// </summary>
    public List<string> SecureExtensions { get; init; } = [];

    /// <inheritdoc/>
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (MinExpiry > DefaultExpiry || DefaultExpiry > MaxExpiry)
        {
            yield return new ValidationResult(
                $"{Section}: MinExpiry <= DefaultExpiry <= MaxExpiry must hold.",
                [nameof(MinExpiry), nameof(DefaultExpiry), nameof(MaxExpiry)]);
        }
    }
}
