using ContactCenter.Media.Srtp;

namespace ContactCenter.Media.WebRtc;

/// <summary>The SRTP master keys a DTLS-SRTP handshake yields (RFC 5764 §4.2), from our side: what we send with and what the peer sends with.</summary>
public sealed record DtlsSrtpKeys(SrtpMasterKey Local, SrtpMasterKey Remote)
{
    /// <summary>
    /// Splits the exported keying material, laid out as client key, server key, client salt, server salt (RFC 5764 §4.2),
    /// for the side that was the DTLS server (<paramref name="isServer"/>) or client.
    /// </summary>
    public static DtlsSrtpKeys FromKeyingMaterial(SrtpSuite suite, ReadOnlySpan<byte> material, bool isServer)
    {
        ArgumentNullException.ThrowIfNull(suite);
        var keyLength = suite.KeyLength;
        var saltLength = suite.SaltLength;
        if (material.Length != 2 * (keyLength + saltLength))
        {
            throw new ArgumentException("Keying material of the wrong length for the suite.", nameof(material));
        }

        var client = Join(material[..keyLength], material.Slice(2 * keyLength, saltLength));
        var server = Join(material.Slice(keyLength, keyLength), material.Slice((2 * keyLength) + saltLength, saltLength));
        if (!SrtpMasterKey.TryCreate(suite, client, out var clientKey) || !SrtpMasterKey.TryCreate(suite, server, out var serverKey))
        {
            throw new ArgumentException("Keying material the suite does not take.", nameof(material));
        }

        return isServer ? new DtlsSrtpKeys(serverKey, clientKey) : new DtlsSrtpKeys(clientKey, serverKey);
    }

    /// <summary>An SRTP session that protects with <see cref="Local"/> and unprotects with <see cref="Remote"/>.</summary>
    public SrtpSession CreateSession() => new(Local, Remote);

    private static byte[] Join(ReadOnlySpan<byte> key, ReadOnlySpan<byte> salt) => [.. key, .. salt];
}
