using ContactCenter.Sdp.WebRtc;
using ContactCenter.Media.Srtp;
using Org.BouncyCastle.Tls;
using Org.BouncyCastle.Tls.Crypto;
using Org.BouncyCastle.Tls.Crypto.Impl.BC;

namespace ContactCenter.Media.WebRtc;

/// <summary>
/// The DTLS 1.2 server of a WebRTC leg (RFC 5763: the browser offers <c>a=setup:actpass</c>, we answer passive): BouncyCastle's
/// handshake with our ECDSA certificate, a client certificate required and checked against the browser's SDP fingerprint,
/// the use_srtp extension (RFC 5764 §4.1, AES_CM_128_HMAC_SHA1_80 preferred, _32 taken) and the SRTP keys exported at the end.
/// </summary>
internal sealed class DtlsSrtpServer(BcTlsCrypto crypto, DtlsCertificate certificate, SdpFingerprint? remoteFingerprint) : DefaultTlsServer(crypto)
{
    private int _profile = -1;

    /// <summary>The SRTP keys once the handshake completed.</summary>
    public DtlsSrtpKeys? Keys { get; private set; }

    /// <inheritdoc />
    protected override ProtocolVersion[] GetSupportedVersions() => ProtocolVersion.DTLSv12.Only();

    /// <inheritdoc />
    protected override int[] GetSupportedCipherSuites() =>
    [
        CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256,
        CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384,
        CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256,
        CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA,
    ];

    /// <inheritdoc />
    public override void ProcessClientExtensions(IDictionary<int, byte[]> clientExtensions)
    {
        base.ProcessClientExtensions(clientExtensions);
        var offered = TlsSrtpUtilities.GetUseSrtpExtension(clientExtensions)?.ProtectionProfiles
            ?? throw new TlsFatalAlert(AlertDescription.handshake_failure, "no use_srtp extension");
        _profile = offered.Contains(SrtpProtectionProfile.SRTP_AES128_CM_HMAC_SHA1_80) ? SrtpProtectionProfile.SRTP_AES128_CM_HMAC_SHA1_80
            : offered.Contains(SrtpProtectionProfile.SRTP_AES128_CM_HMAC_SHA1_32) ? SrtpProtectionProfile.SRTP_AES128_CM_HMAC_SHA1_32
            : throw new TlsFatalAlert(AlertDescription.handshake_failure, "no SRTP protection profile in common");
    }

    /// <inheritdoc />
    public override IDictionary<int, byte[]> GetServerExtensions()
    {
        var extensions = base.GetServerExtensions() ?? new Dictionary<int, byte[]>();
        TlsSrtpUtilities.AddUseSrtpExtension(extensions, new UseSrtpData([_profile], TlsUtilities.EmptyBytes));
        return extensions;
    }

    /// <inheritdoc />
    public override CertificateRequest GetCertificateRequest() =>
        new([ClientCertificateType.ecdsa_sign, ClientCertificateType.rsa_sign], TlsUtilities.GetDefaultSupportedSignatureAlgorithms(m_context), null);

    /// <inheritdoc />
    public override void NotifyClientCertificate(Certificate clientCertificate)
    {
        // RFC 5763 §5: the certificate must be the one whose fingerprint the browser put in its SDP.
        if (clientCertificate is null || clientCertificate.IsEmpty)
        {
            throw new TlsFatalAlert(AlertDescription.handshake_failure, "no client certificate");
        }

        if (remoteFingerprint is not null && !remoteFingerprint.Matches(clientCertificate.GetCertificateAt(0).GetEncoded()))
        {
            throw new TlsFatalAlert(AlertDescription.bad_certificate, "client certificate does not match the SDP fingerprint");
        }
    }

    /// <inheritdoc />
    protected override TlsCredentialedSigner GetECDsaSignerCredentials()
    {
        var chain = new Certificate([crypto.CreateCertificate(certificate.Der)]);
        return new BcDefaultTlsCredentialedSigner(new TlsCryptoParameters(m_context), crypto, certificate.PrivateKey, chain,
            new SignatureAndHashAlgorithm(HashAlgorithm.sha256, SignatureAlgorithm.ecdsa));
    }

    /// <inheritdoc />
    public override void NotifyHandshakeComplete()
    {
        base.NotifyHandshakeComplete();
        var suite = _profile == SrtpProtectionProfile.SRTP_AES128_CM_HMAC_SHA1_32 ? SrtpSuite.AesCm128HmacSha1x32 : SrtpSuite.AesCm128HmacSha1x80;
        var material = m_context.ExportKeyingMaterial(ExporterLabel.dtls_srtp, null, 2 * (suite.KeyLength + suite.SaltLength));
        Keys = DtlsSrtpKeys.FromKeyingMaterial(suite, material, isServer: true);
    }
}
