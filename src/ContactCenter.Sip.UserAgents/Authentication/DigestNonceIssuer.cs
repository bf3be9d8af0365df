using System.Buffers.Binary;
using System.Net;
using System.Security.Cryptography;

namespace ContactCenter.Sip.UserAgents.Authentication;

/// <summary>
/// Makes and checks stateless nonces: <c>hex(issued-at | random | HMAC-SHA256(key, issued-at | random | source))</c>.
/// The key is made per instance, so nonces from before a restart are answered as stale.
/// </summary>
internal sealed class DigestNonceIssuer
{
    private const int TimeBytes = 8;
    private const int RandomBytes = 12;
    private const int MacBytes = 32;
    private const int NonceBytes = TimeBytes + RandomBytes + MacBytes;

    // A nonce from slightly in the future is accepted: the clock may step back a little.
    private static readonly TimeSpan ClockSkew = TimeSpan.FromSeconds(5);

    private readonly byte[] _key = RandomNumberGenerator.GetBytes(32);
    private readonly TimeProvider _time;
    private readonly TimeSpan _lifetime;
    private readonly bool _bindToSource;

    public DigestNonceIssuer(TimeProvider time, TimeSpan lifetime, bool bindToSource)
    {
        _time = time;
        _lifetime = lifetime;
        _bindToSource = bindToSource;
        Opaque = Convert.ToHexStringLower(HMACSHA256.HashData(_key, "opaque"u8)[..16]);
    }

    /// <summary>The opaque value of this instance (RFC 7616 §3.3), the same in every challenge.</summary>
    public string Opaque { get; }

    /// <summary>The nonce lifetime.</summary>
    public TimeSpan Lifetime => _lifetime;

    public string Create(IPAddress source)
    {
        Span<byte> nonce = stackalloc byte[NonceBytes];
        BinaryPrimitives.WriteInt64BigEndian(nonce, _time.GetUtcNow().ToUnixTimeMilliseconds());
        RandomNumberGenerator.Fill(nonce.Slice(TimeBytes, RandomBytes));
        Sign(nonce[..(TimeBytes + RandomBytes)], source, nonce[(TimeBytes + RandomBytes)..]);
        return Convert.ToHexStringLower(nonce);
    }

    public NonceState Validate(string nonce, IPAddress source, out DateTimeOffset issuedAt)
    {
        issuedAt = default;
        Span<byte> bytes = stackalloc byte[NonceBytes];
        if (nonce.Length != NonceBytes * 2 || Convert.FromHexString(nonce, bytes, out _, out var written) != System.Buffers.OperationStatus.Done
            || written != NonceBytes)
        {
            return NonceState.Invalid;
        }

        Span<byte> mac = stackalloc byte[MacBytes];
        Sign(bytes[..(TimeBytes + RandomBytes)], source, mac);
        if (!CryptographicOperations.FixedTimeEquals(mac, bytes[(TimeBytes + RandomBytes)..]))
        {
            return NonceState.Invalid;
        }

        issuedAt = DateTimeOffset.FromUnixTimeMilliseconds(BinaryPrimitives.ReadInt64BigEndian(bytes));
        var age = _time.GetUtcNow() - issuedAt;
        return age < -ClockSkew ? NonceState.Invalid : age > _lifetime ? NonceState.Expired : NonceState.Valid;
    }

    private void Sign(ReadOnlySpan<byte> stamp, IPAddress source, Span<byte> mac)
    {
        Span<byte> data = stackalloc byte[TimeBytes + RandomBytes + 16];
        stamp.CopyTo(data);
        var length = stamp.Length;
        if (_bindToSource)
        {
            var address = source.IsIPv4MappedToIPv6 ? source.MapToIPv4() : source;
            address.TryWriteBytes(data[length..], out var addressLength);
            length += addressLength;
        }

        HMACSHA256.HashData(_key, data[..length], mac);
    }
}

/// <summary>What <see cref="DigestNonceIssuer.Validate"/> found.</summary>
internal enum NonceState
{
    Valid,
    Expired,
    Invalid,
}
