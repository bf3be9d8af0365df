namespace ContactCenter.Sip.UserAgents.Authentication;

/// <summary>The outcome of checking a request's digest credentials.</summary>
/// <param name="Status">What the check found.</param>
/// <param name="Username">The authenticated username when <see cref="Status"/> is <see cref="DigestVerificationStatus.Ok"/>, otherwise null.</param>
/// <param name="AttemptedUsername">The username the credentials named (authenticated or not), when they could be read.</param>
/// <param name="CountsAsGuess">
/// A wrong response to a nonce this server issued to the request's source: a password guess that the source must
/// have received a challenge for. Forged nonces, replays and malformed credentials are not guesses.
/// </param>
public sealed record DigestVerification(DigestVerificationStatus Status, string? Username = null, string? AttemptedUsername = null,
    bool CountsAsGuess = false)
{
    /// <summary>True when the request is authenticated.</summary>
    public bool IsAuthenticated => Status == DigestVerificationStatus.Ok;
}

/// <summary>What a digest credentials check found, and so how to answer.</summary>
public enum DigestVerificationStatus
{
    /// <summary>Authenticated.</summary>
    Ok,

    /// <summary>No credentials for our realm: answer 401 with a challenge.</summary>
    Missing,

    /// <summary>Credentials that do not follow the grammar or lack a required parameter: answer 400.</summary>
    Malformed,

    /// <summary>The response was right but the nonce is too old or not ours: answer 401 with <c>stale=true</c>.</summary>
    Stale,

    /// <summary>Wrong credentials, unknown user, replayed nonce-count or unsupported parameters: answer 401.</summary>
    Failed,
}
