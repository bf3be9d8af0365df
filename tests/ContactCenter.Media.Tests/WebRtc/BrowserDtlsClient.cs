using ContactCenter.Sdp.WebRtc;
using System.Net;
using System.Net.Sockets;
using ContactCenter.Media.WebRtc;
using Org.BouncyCastle.Tls;
using Org.BouncyCastle.Tls.Crypto;
using Org.BouncyCastle.Tls.Crypto.Impl.BC;

namespace ContactCenter.Media.Tests.WebRtc;

/// <summary>What a browser does in DTLS-SRTP (RFC 5763/5764), with BouncyCastle's DTLS client: use_srtp, its own certificate, our fingerprint checked.</summary>
internal sealed class BrowserDtlsClient(BcTlsCrypto crypto, DtlsCertificate certificate, SdpFingerprint serverFingerprint) : DefaultTlsClient(crypto)
{
    private readonly BcTlsCrypto _crypto = crypto;
    private readonly DtlsCertificate _certificate = certificate;
    private readonly SdpFingerprint _serverFingerprint = serverFingerprint;

    /// <summary>The 60 bytes of keying material exported after the handshake (RFC 5764 §4.2).</summary>
    public byte[]? KeyingMaterial { get; private set; }

    public override IDictionary<int, byte[]> GetClientExtensions()
    {
        var extensions = base.GetClientExtensions() ?? new Dictionary<int, byte[]>();
        TlsSrtpUtilities.AddUseSrtpExtension(extensions, new UseSrtpData([SrtpProtectionProfile.SRTP_AES128_CM_HMAC_SHA1_80], TlsUtilities.EmptyBytes));
        return extensions;
    }

    public override TlsAuthentication GetAuthentication() => new Authentication(this);

    public override void NotifyHandshakeComplete()
    {
        base.NotifyHandshakeComplete();
        KeyingMaterial = m_context.ExportKeyingMaterial(ExporterLabel.dtls_srtp, null, 60);
    }

    protected override ProtocolVersion[] GetSupportedVersions() => ProtocolVersion.DTLSv12.Only();

    protected override int[] GetSupportedCipherSuites() => [CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256];

    private sealed class Authentication(BrowserDtlsClient client) : TlsAuthentication
    {
        public void NotifyServerCertificate(TlsServerCertificate serverCertificate)
        {
            if (!client._serverFingerprint.Matches(serverCertificate.Certificate.GetCertificateAt(0).GetEncoded()))
            {
                throw new TlsFatalAlert(AlertDescription.bad_certificate, "server certificate does not match the SDP fingerprint");
            }
        }

        public TlsCredentials GetClientCredentials(CertificateRequest certificateRequest) =>
            new BcDefaultTlsCredentialedSigner(new TlsCryptoParameters(client.m_context), client._crypto, client._certificate.PrivateKey,
                new Certificate([client._crypto.CreateCertificate(client._certificate.Der)]),
                new SignatureAndHashAlgorithm(HashAlgorithm.sha256, SignatureAlgorithm.ecdsa));
    }
}

/// <summary>A connected UDP socket as BouncyCastle's datagram transport.</summary>
internal sealed class UdpDatagramTransport(Socket socket) : DatagramTransport
{
    public int GetReceiveLimit() => 1_500;

    public int GetSendLimit() => 1_200;

    public int Receive(byte[] buf, int off, int len, int waitMillis) => Receive(buf.AsSpan(off, len), waitMillis);

    public int Receive(Span<byte> buffer, int waitMillis) =>
        socket.Poll(TimeSpan.FromMilliseconds(waitMillis), SelectMode.SelectRead) ? socket.Receive(buffer) : -1;

    public void Send(byte[] buf, int off, int len) => socket.Send(buf.AsSpan(off, len));

    public void Send(ReadOnlySpan<byte> buffer) => socket.Send(buffer);

    public void Close()
    {
    }
}
