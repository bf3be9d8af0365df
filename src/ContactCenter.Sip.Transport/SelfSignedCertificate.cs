using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace ContactCenter.Sip.Transport;

/// <summary>
/// A self-signed certificate for SIP over TLS where no real one exists yet (the demo, tests): ECDSA P-256, the
/// given addresses and names as subject alternative names, written as PEM (certificate and private key, the
/// key file readable by its owner only). Phones must be told to trust it (its PEM file is its own trust anchor).
/// </summary>
public static class SelfSignedCertificate
{
    /// <summary>Creates the certificate and writes <paramref name="certificatePath"/> and <paramref name="keyPath"/>.</summary>
    public static void Write(string certificatePath, string keyPath, IReadOnlyCollection<IPAddress> addresses,
        IReadOnlyCollection<string> names, TimeSpan validFor, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(addresses);
        ArgumentNullException.ThrowIfNull(names);
        ArgumentNullException.ThrowIfNull(time);
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var subject = names.FirstOrDefault() ?? addresses.FirstOrDefault()?.ToString() ?? "contactcenter";
        var request = new CertificateRequest($"CN={subject}, O=ContactCenter", key, HashAlgorithmName.SHA256);
        var san = new SubjectAlternativeNameBuilder();
        foreach (var address in addresses)
        {
            san.AddIpAddress(address);
        }

        foreach (var name in names)
        {
            san.AddDnsName(name);
        }

        request.CertificateExtensions.Add(san.Build());
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(certificateAuthority: true, hasPathLengthConstraint: true, pathLengthConstraint: 0, critical: true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.KeyCertSign, critical: true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension(
            [new Oid("1.3.6.1.5.5.7.3.1"), new Oid("1.3.6.1.5.5.7.3.2")], critical: false)); // server and client authentication
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, critical: false));
        var now = time.GetUtcNow();
        using var certificate = request.CreateSelfSigned(now.AddMinutes(-5), now + validFor);

        var directory = Path.GetDirectoryName(Path.GetFullPath(keyPath));
        if (!string.IsNullOrEmpty(directory))
        {
            Directory.CreateDirectory(directory);
        }

        File.WriteAllText(certificatePath, certificate.ExportCertificatePem());
        var keyOptions = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            keyOptions.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        using var keyFile = new StreamWriter(keyPath, keyOptions);
        keyFile.Write(key.ExportPkcs8PrivateKeyPem());
    }
}
