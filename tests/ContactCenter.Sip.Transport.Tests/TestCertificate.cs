using System.Net;
using System.Security.Cryptography.X509Certificates;

namespace ContactCenter.Sip.Transport.Tests;

/// <summary>A self-signed certificate in PEM files under a temporary folder (127.0.0.1 by default), removed on dispose.</summary>
internal sealed class TestCertificate : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("cc-tls-").FullName;

    public TestCertificate(string name, IPAddress[]? addresses = null, string[]? names = null)
    {
        CertificatePath = Path.Combine(_folder, name + ".pem");
        KeyPath = Path.Combine(_folder, name + ".key");
        SelfSignedCertificate.Write(CertificatePath, KeyPath, addresses ?? [IPAddress.Loopback], names ?? [], TimeSpan.FromDays(1), TimeProvider.System);
        Certificate = X509Certificate2.CreateFromPemFile(CertificatePath, KeyPath);
    }

    public string CertificatePath { get; }

    public string KeyPath { get; }

    public X509Certificate2 Certificate { get; }

    public void Dispose()
    {
        Certificate.Dispose();
        Directory.Delete(_folder, recursive: true);
    }
}
