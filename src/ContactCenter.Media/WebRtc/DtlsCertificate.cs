using ContactCenter.Sdp.WebRtc;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Org.BouncyCastle.Crypto;
using Org.BouncyCastle.Security;

namespace ContactCenter.Media.WebRtc;

/// <summary>
/// Our DTLS identity for WebRTC (RFC 5763 §5): a self-signed ECDSA P-256 certificate made with .NET's X509 classes, and
/// its SHA-256 fingerprint for the SDP's <c>a=fingerprint</c>. The browser checks the certificate it gets against that line.
/// </summary>
public sealed class DtlsCertificate
{
    private DtlsCertificate(byte[] der, AsymmetricKeyParameter privateKey)
    {
        Der = der;
        PrivateKey = privateKey;
        Fingerprint = SdpFingerprint.Sha256Of(der);
    }

    /// <summary>The certificate, DER.</summary>
    public byte[] Der { get; }

    /// <summary>The SHA-256 fingerprint (<c>a=fingerprint:sha-256 AB:CD:...</c>, RFC 8122 §5).</summary>
    public SdpFingerprint Fingerprint { get; }

    /// <summary>The private key, as BouncyCastle's DTLS wants it.</summary>
    internal AsymmetricKeyParameter PrivateKey { get; }

    /// <summary>Makes a new certificate valid from a day before <paramref name="time"/>'s now for 30 days.</summary>
    public static DtlsCertificate Create(TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(time);
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=ContactCenter WebRTC", key, HashAlgorithmName.SHA256);
        var now = time.GetUtcNow();
        using var certificate = request.CreateSelfSigned(now.AddDays(-1), now.AddDays(30));
        return new DtlsCertificate(certificate.RawData, PrivateKeyFactory.CreateKey(key.ExportPkcs8PrivateKey()));
    }
}
