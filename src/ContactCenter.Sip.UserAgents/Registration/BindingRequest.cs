using ContactCenter.Sip.Syntax.Headers;

namespace ContactCenter.Sip.UserAgents.Registration;

/// <summary>One contact of a REGISTER with the lifetime granted to it (zero removes it).</summary>
/// <param name="Contact">The Contact element (an <c>expires</c> parameter on it is ignored).</param>
/// <param name="Expires">The lifetime granted; <see cref="TimeSpan.Zero"/> removes the binding.</param>
public sealed record BindingRequest(SipNameAddress Contact, TimeSpan Expires);
