using System.Security.Cryptography;

namespace ContactCenter.Media.WebRtc;

/// <summary>A certificate fingerprint as SDP carries it (RFC 8122 §5): hash function and upper-case hex pairs joined by colons.</summary>
public sealed record DtlsFingerprint(string HashFunction, string Value)
{
    /// <summary>The SHA-256 fingerprint of a DER certificate.</summary>
    public static DtlsFingerprint Sha256Of(ReadOnlySpan<byte> der) => new("sha-256", Convert.ToHexString(SHA256.HashData(der)).Chunk(2).Aggregate(
        new System.Text.StringBuilder(), (b, pair) => b.Append(b.Length == 0 ? "" : ":").Append(pair)).ToString());

    /// <summary>True when <paramref name="der"/> has this fingerprint (only sha-256 is checked; other functions never match).</summary>
    public bool Matches(ReadOnlySpan<byte> der) =>
        string.Equals(HashFunction, "sha-256", StringComparison.OrdinalIgnoreCase)
        && string.Equals(Sha256Of(der).Value, Value, StringComparison.OrdinalIgnoreCase);

    /// <summary>The attribute value: <c>sha-256 AB:CD:...</c>.</summary>
    public override string ToString() => $"{HashFunction} {Value}";
}
