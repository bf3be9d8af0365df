namespace ContactCenter.Sip.UserAgents.Authentication;

/// <summary>How one source's requests are authenticated.</summary>
/// <param name="Authenticator">The digest authenticator that challenges and checks them.</param>
/// <param name="Extension">The one extension they may come from (null: none, every request is refused).</param>
public sealed record SourceAuthentication(DigestAuthenticator Authenticator, string? Extension);
