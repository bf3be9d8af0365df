using ContactCenter.Sip.Syntax;

namespace ContactCenter.Sip.Transport;

/// <summary>
/// A message that arrived and parsed. For requests, the transport has already stamped the top Via
/// with <c>received</c>/<c>rport</c> (RFC 3261 §18.2.1, RFC 3581), so <see cref="Message"/> is what the
/// transaction layer should keep and answer.
/// </summary>
/// <param name="Message">The parsed (and, for requests, Via-stamped) message.</param>
/// <param name="Source">Where it came from: for TCP the connection's remote end, to which responses are sent back.</param>
/// <param name="Local">The local listener it arrived on.</param>
/// <param name="ReceivedAt">When it arrived, from the transport's <see cref="TimeProvider"/>.</param>
public sealed record SipInboundMessage(SipMessage Message, SipEndPoint Source, SipEndPoint Local, DateTimeOffset ReceivedAt);
