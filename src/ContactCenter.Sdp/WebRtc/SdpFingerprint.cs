using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;

namespace ContactCenter.Sdp.WebRtc;

/// <summary>
/// <c>a=fingerprint</c> (RFC 8122 §5): the hash function and the certificate's hash as upper-case hex pairs joined by colons.
/// A DTLS peer's certificate must have the fingerprint its SDP announced (RFC 5763 §5).
/// </summary>
public sealed record SdpFingerprint(string HashFunction, string Value)
{
    /// <summary>The attribute name.</summary>
    public const string AttributeName = "fingerprint";

    /// <summary>The SHA-256 fingerprint of a DER certificate.</summary>
    public static SdpFingerprint Sha256Of(ReadOnlySpan<byte> der) =>
        new("sha-256", string.Join(':', Convert.ToHexString(SHA256.HashData(der)).Chunk(2).Select(pair => new string(pair))));

    /// <summary>Reads an attribute value: <c>sha-256 AB:CD:...</c>.</summary>
    public static bool TryParse(string? value, [NotNullWhen(true)] out SdpFingerprint? fingerprint)
    {
        fingerprint = null;
        var parts = value?.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (parts is not { Length: 2 } || parts[1].Length < 2 || !parts[1].All(c => char.IsAsciiHexDigit(c) || c == ':'))
        {
            return false;
        }

        fingerprint = new SdpFingerprint(parts[0].ToLowerInvariant(), parts[1].ToUpperInvariant());
        return true;
    }

    /// <summary>True when <paramref name="der"/> has this fingerprint (only sha-256 is checked; other functions never match).</summary>
    public bool Matches(ReadOnlySpan<byte> der) =>
        string.Equals(HashFunction, "sha-256", StringComparison.OrdinalIgnoreCase)
        && string.Equals(Sha256Of(der).Value, Value, StringComparison.OrdinalIgnoreCase);

    /// <summary>The attribute.</summary>
    public SdpAttribute ToAttribute() => new(AttributeName, ToString());

    /// <summary>The attribute value: <c>sha-256 AB:CD:...</c>.</summary>
    public override string ToString() => $"{HashFunction} {Value}";
}
