using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace ContactCenter.Sdp.WebRtc;

/// <summary>
/// <c>a=candidate</c> (RFC 8839 §5.1): <c>foundation component transport priority address port typ type [raddr A rport P]
/// [extension value]...</c>. The address may be an mDNS name (<c>xxxx.local</c>) as browsers hide their addresses.
/// </summary>
public sealed record SdpIceCandidate(string Foundation, int Component, string Transport, uint Priority, string Address, int Port, string Type)
{
    /// <summary>The attribute name.</summary>
    public const string AttributeName = "candidate";

    /// <summary>The rest of the line after the type (raddr/rport, generation, ufrag, network-id, ...), kept as written.</summary>
    public string? Extensions { get; init; }

    /// <summary>Reads an attribute value; false for a malformed one (which is then ignored, RFC 8839 §5.1).</summary>
    public static bool TryParse(string? value, [NotNullWhen(true)] out SdpIceCandidate? candidate)
    {
        candidate = null;
        var parts = value?.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (parts is not { Length: >= 8 } || parts[6] != "typ"
            || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var component) || component is < 1 or > 256
            || !uint.TryParse(parts[3], NumberStyles.None, CultureInfo.InvariantCulture, out var priority)
            || !int.TryParse(parts[5], NumberStyles.None, CultureInfo.InvariantCulture, out var port) || port > 65_535)
        {
            return false;
        }

        candidate = new SdpIceCandidate(parts[0], component, parts[2], priority, parts[4], port, parts[7])
        {
            Extensions = parts.Length > 8 ? string.Join(' ', parts[8..]) : null,
        };
        return true;
    }

    /// <summary>Our host candidate for RTP (component 1) on UDP at <paramref name="address"/>:<paramref name="port"/> (RFC 8445 §5.1.2 priority, type preference 126).</summary>
    public static SdpIceCandidate Host(string address, int port) =>
        new("1", 1, "udp", (126u << 24) | (65_535u << 8) | 255u, address, port, "host");

    /// <summary>The attribute.</summary>
    public SdpAttribute ToAttribute() => new(AttributeName, ToString());

    /// <inheritdoc />
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"{Foundation} {Component} {Transport} {Priority} {Address} {Port} typ {Type}")
        + (Extensions is null ? "" : " " + Extensions);
}
