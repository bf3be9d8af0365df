using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace ContactCenter.TestKit;

/// <summary>
/// A self-signed certificate for 127.0.0.1 in a temporary .pfx file, deleted on dispose: a host given it
/// (<see cref="HostArguments"/>) serves HTTPS only.
/// </summary>
public sealed class TempCertificate : IDisposable
{
    /// <summary>Creates the certificate (RSA 2048, a week valid, subject alternative name 127.0.0.1) and writes the file.</summary>
    public TempCertificate()
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=127.0.0.1", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        using var certificate = request.CreateSelfSigned(TimeProvider.System.GetUtcNow().AddDays(-1), TimeProvider.System.GetUtcNow().AddDays(7));
        Password = Convert.ToHexString(RandomNumberGenerator.GetBytes(12));
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"cc-test-{Guid.NewGuid():N}.pfx");
        File.WriteAllBytes(Path, certificate.Export(X509ContentType.Pfx, Password));
    }

    /// <summary>The .pfx file.</summary>
    public string Path { get; }

    /// <summary>The .pfx file's password.</summary>
    public string Password { get; }

    /// <summary>The host's arguments that make it serve HTTPS with this certificate.</summary>
    public string[] HostArguments => [$"--Http:CertificatePath={Path}", $"--Http:CertificatePassword={Password}"];

    /// <inheritdoc />
    public void Dispose() => File.Delete(Path);
}
