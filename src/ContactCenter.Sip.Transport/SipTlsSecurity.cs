using System.Net;
using System.Net.Security;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;

namespace ContactCenter.Sip.Transport;

/// <summary>
/// The TLS side of the SIP transport: our certificate (loaded once at start) and the handshakes both ways, through
/// .NET's <see cref="SslStream"/> (the system's OpenSSL). TLS 1.2 and 1.3 only, no renegotiation, no client
/// certificates asked of phones; peers we connect to are checked against the system roots or
/// <see cref="SipTlsOptions.TrustedCertificatesPath"/> and against their address or configured name.
/// </summary>
internal sealed class SipTlsSecurity : IDisposable
{
    private const SslProtocols Protocols = SslProtocols.Tls12 | SslProtocols.Tls13;

    private readonly SipTlsOptions _options;
    private readonly X509Certificate2? _certificate;
    private readonly SslStreamCertificateContext? _context;
    private readonly X509Certificate2Collection _trusted = [];

    private SipTlsSecurity(SipTlsOptions options, X509Certificate2? certificate, X509Certificate2Collection chain)
    {
        _options = options;
        _certificate = certificate;
        if (certificate is not null)
        {
            _context = SslStreamCertificateContext.Create(certificate, chain, offline: true);
        }

        if (!string.IsNullOrWhiteSpace(options.TrustedCertificatesPath))
        {
            _trusted.ImportFromPemFile(options.TrustedCertificatesPath);
        }
    }

    /// <summary>Loads the configured certificate; throws naming the setting when a file is missing or unreadable.</summary>
    public static SipTlsSecurity Load(SipTlsOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (string.IsNullOrWhiteSpace(options.CertificatePath))
        {
            return new SipTlsSecurity(options, null, []);
        }

        var path = options.CertificatePath;
        try
        {
            var chain = new X509Certificate2Collection();
            X509Certificate2 certificate;
            if (path.EndsWith(".pfx", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".p12", StringComparison.OrdinalIgnoreCase))
            {
                certificate = X509CertificateLoader.LoadPkcs12FromFile(path, options.CertificatePassword);
            }
            else
            {
                certificate = X509Certificate2.CreateFromPemFile(path, options.CertificateKeyPath);
                var all = new X509Certificate2Collection();
                all.ImportFromPemFile(path);
                foreach (var other in all)
                {
                    if (other.Thumbprint != certificate.Thumbprint)
                    {
                        chain.Add(other); // intermediates sent with ours
                    }
                }
            }

            if (!certificate.HasPrivateKey)
            {
                throw new InvalidOperationException($"{SipTransportOptions.Section}:Tls:CertificatePath '{path}' has no private key.");
            }

            return new SipTlsSecurity(options, certificate, chain);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or System.Security.Cryptography.CryptographicException or ArgumentException)
        {
            throw new InvalidOperationException($"{SipTransportOptions.Section}:Tls:CertificatePath '{path}' cannot be loaded: {ex.Message}", ex);
        }
    }

    /// <summary>The server handshake of an accepted connection, within <see cref="SipTlsOptions.HandshakeTimeout"/>.</summary>
    public async Task<SslStream> AcceptAsync(Stream inner, TimeProvider time, CancellationToken cancellationToken)
    {
        var ssl = new SslStream(inner, leaveInnerStreamOpen: false);
        try
        {
            using var timeout = new CancellationTokenSource(_options.HandshakeTimeout, time);
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(timeout.Token, cancellationToken);
            await ssl.AuthenticateAsServerAsync(new SslServerAuthenticationOptions
            {
                ServerCertificateContext = _context,
                EnabledSslProtocols = Protocols,
                ClientCertificateRequired = false,
                AllowRenegotiation = false,
                CertificateRevocationCheckMode = X509RevocationMode.NoCheck,
            }, linked.Token);
            return ssl;
        }
        catch
        {
            await ssl.DisposeAsync();
            throw;
        }
    }

    /// <summary>The client handshake toward <paramref name="remote"/>, checking its certificate; throws <see cref="AuthenticationException"/> when it does not pass.</summary>
    public async Task<SslStream> ConnectAsync(Stream inner, IPEndPoint remote, TimeProvider time, CancellationToken cancellationToken)
    {
        var ssl = new SslStream(inner, leaveInnerStreamOpen: false);
        try
        {
            using var timeout = new CancellationTokenSource(_options.HandshakeTimeout, time);
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(timeout.Token, cancellationToken);
            var options = new SslClientAuthenticationOptions
            {
                TargetHost = PeerName(remote),
                EnabledSslProtocols = Protocols,
                AllowRenegotiation = false,
                CertificateRevocationCheckMode = X509RevocationMode.NoCheck,
                ClientCertificateContext = _context, // a carrier that asks for our certificate gets it
            };
            if (_trusted.Count > 0)
            {
                var policy = new X509ChainPolicy { TrustMode = X509ChainTrustMode.CustomRootTrust, RevocationMode = X509RevocationMode.NoCheck };
                policy.CustomTrustStore.AddRange(_trusted);
                options.CertificateChainPolicy = policy;
            }

            await ssl.AuthenticateAsClientAsync(options, linked.Token);
            return ssl;
        }
        catch
        {
            await ssl.DisposeAsync();
            throw;
        }
    }

    /// <inheritdoc/>
    public void Dispose() => _certificate?.Dispose();

    private string PeerName(IPEndPoint remote)
    {
        var key = remote.ToString();
        return _options.PeerNames.TryGetValue(key, out var name) ? name : remote.Address.ToString();
    }
}
