using System.Globalization;
using ContactCenter.Sip.Syntax;
using ContactCenter.Sip.Syntax.Headers;

namespace ContactCenter.Sip.UserAgents.Registration;

/// <summary>
/// One contact bound to an extension (RFC 3261 §10.3). <see cref="Contact"/> keeps the header
/// parameters the phone sent (q, <c>+sip.instance</c>, reg-id, ...) except <c>expires</c>.
/// </summary>
/// <param name="Extension">The extension (the AOR's user part).</param>
/// <param name="Contact">The Contact element as registered, without <c>expires</c>.</param>
/// <param name="Source">Where the REGISTER actually came from; send requests for this contact there.</param>
/// <param name="CallId">The Call-ID of the REGISTER that last changed the binding.</param>
/// <param name="CSeq">The CSeq number of that REGISTER.</param>
/// <param name="RegisteredAt">When the binding was last made or refreshed.</param>
/// <param name="ExpiresAt">When it lapses unless refreshed.</param>
public sealed record ContactBinding(
    string Extension,
    SipNameAddress Contact,
    SipEndPointInfo Source,
    string CallId,
    uint CSeq,
    DateTimeOffset RegisteredAt,
    DateTimeOffset ExpiresAt)
{
    /// <summary>The contact URI.</summary>
    public SipUri Uri => Contact.Uri;

    /// <summary>The RFC 5626 <c>+sip.instance</c> value without quotes, or null.</summary>
    public string? InstanceId => Contact.Parameters.GetValueOrDefault("+sip.instance")?.Trim('"');

    /// <summary>The RFC 5626 <c>reg-id</c>, or null.</summary>
    public int? RegId =>
        int.TryParse(Contact.Parameters.GetValueOrDefault("reg-id"), NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : null;

    /// <summary>The preference q (0 to 1), or null when the phone sent none.</summary>
    public double? Q => Contact.Q;

    /// <summary>
    /// Whole seconds left at <paramref name="now"/>, rounded up, never negative and never more than was granted
    /// (the wall clock may step back after the binding was made; a phone must not read a longer lifetime than it got).
    /// </summary>
    public int GetRemainingSeconds(DateTimeOffset now)
    {
        if (ExpiresAt <= now)
        {
            return 0;
        }

        var granted = Math.Max(0, (int)Math.Round((ExpiresAt - RegisteredAt).TotalSeconds));
        return Math.Min(granted, (int)Math.Ceiling((ExpiresAt - now).TotalSeconds));
    }
}
