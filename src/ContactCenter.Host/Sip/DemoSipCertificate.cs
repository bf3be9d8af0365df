using System.Net;
using ContactCenter.Host.Security;
using ContactCenter.Sip.Transport;

namespace ContactCenter.Host.Sip;

/// <summary>
/// SIP over TLS in the demo: when <c>Sip:Transport:Tls:Port</c> is set, no certificate is configured and
/// <c>Security:Mode</c> is <c>Demo</c>, a self-signed certificate for the SIP listen address is made once under
/// <c>Demo:SipCertificateDirectory</c> (default <c>data/sip-tls</c>) and used. Phones must be told to trust its
/// <c>sip-tls.pem</c>. Production mode never does this: a TLS port without a certificate stops the start.
/// </summary>
public static class DemoSipCertificate
{
    /// <summary>The key of the folder the demo certificate is kept in.</summary>
    public const string DirectoryKey = "Demo:SipCertificateDirectory";

    private const string TlsSection = SipTransportOptions.Section + ":Tls:";

    /// <summary>Makes (once) and configures the demo certificate when the conditions above hold.</summary>
    public static void AddDemoSipCertificate(this ConfigurationManager configuration, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        if (SecurityMode.IsProduction(configuration) || string.IsNullOrEmpty(configuration[TlsSection + "Port"])
            || !string.IsNullOrEmpty(configuration[TlsSection + nameof(SipTlsOptions.CertificatePath)]))
        {
            return;
        }

        var folder = Path.GetFullPath(configuration[DirectoryKey] ?? Path.Combine("data", "sip-tls"));
        var certificate = Path.Combine(folder, "sip-tls.pem");
        var key = Path.Combine(folder, "sip-tls.key");
        if (!File.Exists(certificate) || !File.Exists(key))
        {
            var listen = configuration[SipTransportOptions.Section + ":ListenAddress"];
            var addresses = new List<IPAddress> { IPAddress.TryParse(listen, out var address) ? address : IPAddress.Loopback };
            var names = new List<string> { "localhost" };
            if (IPAddress.TryParse(configuration[SipTransportOptions.Section + ":PublicAddress"], out var publicAddress))
            {
                addresses.Add(publicAddress); // phones behind the NAT reach us (and check our certificate) there
            }

            foreach (var host in configuration.GetSection(SipTransportOptions.Section + ":AdvertisedHosts").Get<string[]>() ?? [])
            {
                if (IPAddress.TryParse(host.Trim('[', ']'), out var advertised))
                {
                    addresses.Add(advertised);
                }
                else
                {
                    names.Add(host);
                }
            }

            SelfSignedCertificate.Write(certificate, key, addresses.Distinct().ToList(), names, TimeSpan.FromDays(825), time);
        }

        configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            [TlsSection + nameof(SipTlsOptions.CertificatePath)] = certificate,
            [TlsSection + nameof(SipTlsOptions.CertificateKeyPath)] = key,
        });
    }
}
