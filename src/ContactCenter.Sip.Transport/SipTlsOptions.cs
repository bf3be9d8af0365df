using System.ComponentModel.DataAnnotations;

namespace ContactCenter.Sip.Transport;

/// <summary>
/// SIP over TLS (RFC 3261 §26.2.1; section <c>Sip:Transport:Tls</c>): a listener for phones and carriers that
/// connect to us, and what we trust when we connect to them. Off unless <see cref="Port"/> is set.
/// </summary>
public sealed class SipTlsOptions
{
    /// <summary>The TLS listener's port (5061 is the SIP default; 0 picks a free one); null turns SIP over TLS off.</summary>
    [Range(0, 65_535)]
    public int? Port { get; init; }

    /// <summary>Our certificate: a PEM file (with <see cref="CertificateKeyPath"/>, or the key in the same file) or a PKCS #12 file (.pfx/.p12).</summary>
    public string? CertificatePath { get; init; }

    /// <summary>The PEM private key of <see cref="CertificatePath"/>, when it is in a file of its own.</summary>
    public string? CertificateKeyPath { get; init; }

    /// <summary>The password of a PKCS #12 certificate file (never logged).</summary>
    public string? CertificatePassword { get; init; }

    /// <summary>
    /// PEM certificates (a carrier's CA, a self-signed peer) that are the only trust anchors for peers we connect
    /// to; empty means the system's trusted roots.
    /// </summary>
    public string? TrustedCertificatesPath { get; init; }

    /// <summary>
    /// The name a peer's certificate must carry, by <c>address:port</c> we connect to (a carrier's host name);
    /// otherwise the address itself must be in the certificate's subject alternative names.
    /// </summary>
    public Dictionary<string, string> PeerNames { get; init; } = [];

    /// <summary>How long a TLS handshake may take, either way, before the connection is closed.</summary>
    public TimeSpan HandshakeTimeout { get; init; } = TimeSpan.FromSeconds(10);
}
