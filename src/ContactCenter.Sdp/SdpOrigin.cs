using System.Security.Cryptography;

namespace ContactCenter.Sdp;

/// <summary>The <c>o=</c> line (RFC 4566 §5.2): who created the session and which version this is.</summary>
/// <param name="UserName">The user's login, or <c>-</c>.</param>
/// <param name="SessionId">A numeric string that identifies the session for its creator.</param>
/// <param name="SessionVersion">Incremented each time the description changes (RFC 3264 §8).</param>
/// <param name="NetworkType">Normally <c>IN</c>.</param>
/// <param name="AddressType"><c>IP4</c> or <c>IP6</c>.</param>
/// <param name="Address">The creating host's address or name.</param>
public sealed record SdpOrigin(
    string UserName,
    string SessionId,
    ulong SessionVersion,
    string NetworkType,
    string AddressType,
    string Address)
{
    /// <summary>A random session id that fits the RFC's advice (at most 63 bits, so it prints as a plain number).</summary>
    public static string NewSessionId() =>
        ((ulong)RandomNumberGenerator.GetInt32(1, int.MaxValue) << 31 | (uint)RandomNumberGenerator.GetInt32(int.MaxValue))
            .ToString();
}
