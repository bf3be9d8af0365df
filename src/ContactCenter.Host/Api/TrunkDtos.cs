namespace ContactCenter.Host.Api;

/// <summary>
/// A trunk as the console shows it. <c>source</c> is <c>configuration</c> (Sip:Trunk, read-only) or <c>database</c>; the
/// password is never returned, only whether there is one. <c>registration</c> is our registration at it, when we keep one.
/// </summary>
public sealed record TrunkDto(string Name, string Source, bool ReadOnly, string Address, int Port, string Transport, IReadOnlyList<string> SourceAddresses,
    string? AuthUser, bool HasPassword, string? Realm, bool Register, string? RegisterUser, string? RegisterDomain, int RegisterExpires, string? CallerId,
    IReadOnlyList<string> Prefixes, IReadOnlyList<string> AllowedDestinations, int Priority, bool Enabled, IReadOnlyList<TrunkNumberDto> Numbers,
    TrunkRegistrationDto? Registration, IReadOnlyList<string> Codecs, bool RequireTlsAndSrtp);

/// <summary>One of a trunk's numbers (a DID) and where its calls go: a service number or an extension.</summary>
public sealed record TrunkNumberDto(string? Number, string? Target);

/// <summary>Our registration at a trunk: <c>state</c> is unregistered, registering, registered or failed.</summary>
public sealed record TrunkRegistrationDto(string State, DateTimeOffset? ExpiresAt, string? LastError, DateTimeOffset? NextAttemptAt);

/// <summary>
/// A new trunk, or a trunk's new settings (the whole of them; the name is the URL's on a change). <c>password</c>: null
/// keeps the one stored, empty removes it. <c>codecs</c>: PCMA, PCMU, telephone-event in preference order (none: the
/// default); <c>requireTlsAndSrtp</c> needs transport <c>tls</c>.
/// </summary>
public sealed record TrunkRequest(string? Name, string? Address, int? Port, string? Transport, IReadOnlyList<string>? SourceAddresses, string? AuthUser,
    string? Password, string? Realm, bool? Register, string? RegisterUser, string? RegisterDomain, int? RegisterExpires, string? CallerId,
    IReadOnlyList<string>? Prefixes, int? Priority, bool? Enabled, IReadOnlyList<TrunkNumberDto>? Numbers, IReadOnlyList<string>? Codecs = null,
    bool? RequireTlsAndSrtp = null);
