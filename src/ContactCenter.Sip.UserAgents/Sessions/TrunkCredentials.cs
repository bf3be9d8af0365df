using ContactCenter.Sip.UserAgents.Authentication;

namespace ContactCenter.Sip.UserAgents.Sessions;

/// <summary>
/// The digest credentials we answer the carrier's challenges with (401/407 to our INVITE, re-INVITE, REFER, BYE toward
/// the trunk). The password never appears in <see cref="ToString"/> (nor, so, in logs).
/// </summary>
/// <param name="User">The authentication user name.</param>
/// <param name="Password">The password.</param>
/// <param name="Realm">The only realm answered; null answers the realm the carrier names.</param>
public sealed record TrunkCredentials(string User, string Password, string? Realm = null)
{
    /// <summary>A digest session for one leg (its own nonce count).</summary>
    public DigestClientSession NewSession() => new(User, Password, Realm);

    /// <inheritdoc />
    public override string ToString() => $"TrunkCredentials {{ User = {User}, Realm = {Realm ?? "(any)"}, Password = *** }}";
}
