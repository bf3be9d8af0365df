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
/// The fingerprint may come later than the handshake starts (we offered, and the browser's DTLS can beat its SDP answer to
/// us): the check of its certificate then waits for it, for <see cref="FingerprintWait"/> at most, and fails without it.
/// </summary>
internal sealed class DtlsSrtpServer : DefaultTlsServer, IDisposable
{
    /// <summary>How long a client certificate waits for the fingerprint from the browser's SDP.</summary>
    public static readonly TimeSpan FingerprintWait = TimeSpan.FromSeconds(10);

    private readonly BcTlsCrypto _crypto;
    private readonly DtlsCertificate _certificate;
    private readonly ManualResetEventSlim _fingerprintKnown = new();
    private SdpFingerprint? _remoteFingerprint;
    private int _profile = -1;

    public DtlsSrtpServer(BcTlsCrypto crypto, DtlsCertificate certificate, SdpFingerprint? remoteFingerprint)
        : base(crypto)
    {
        _crypto = crypto;
        _certificate = certificate;
        if (remoteFingerprint is not null)
        {
            SetRemoteFingerprint(remoteFingerprint);
        }
    }

    /// <summary>Gives the fingerprint the browser's SDP announced (once; later calls are ignored).</summary>
    public void SetRemoteFingerprint(SdpFingerprint fingerprint)
    {
        if (Interlocked.CompareExchange(ref _remoteFingerprint, fingerprint, null) is null)
        {
            _fingerprintKnown.Set();
        }
    }

    /// <summary>Stops a wait for the fingerprint (the leg is going away): the handshake fails at once.</summary>
    public void StopWaiting() => _fingerprintKnown.Set();

    /// <inheritdoc />
    public void Dispose() => _fingerprintKnown.Dispose();

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

        // BouncyCastle calls this on the handshake's own thread; waiting here holds only that leg's handshake.
        _fingerprintKnown.Wait(FingerprintWait);
        if (Volatile.Read(ref _remoteFingerprint) is not { } fingerprint || !fingerprint.Matches(clientCertificate.GetCertificateAt(0).GetEncoded()))
        {
            throw new TlsFatalAlert(AlertDescription.bad_certificate, "client certificate does not match the SDP fingerprint");
        }
    }

    /// <inheritdoc />
    protected override TlsCredentialedSigner GetECDsaSignerCredentials()
    {
        var chain = new Certificate([_crypto.CreateCertificate(_certificate.Der)]);
        return new BcDefaultTlsCredentialedSigner(new TlsCryptoParameters(m_context), _crypto, _certificate.PrivateKey, chain,
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
