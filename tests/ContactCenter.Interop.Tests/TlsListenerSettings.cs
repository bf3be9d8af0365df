using ContactCenter.TestKit;

namespace ContactCenter.Interop.Tests;

/// <summary>
/// Host arguments for a SIP-over-TLS listener on a free port, with the demo certificate made in a temporary folder
/// (as <c>deploy/demo.sh</c> does under <c>data/sip-tls</c>); the folder is deleted on dispose.
/// </summary>
internal sealed class TlsListenerSettings : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("cc-sip-tls-").FullName;

    public TlsListenerSettings() => Port = FreePorts.Next();

    /// <summary>The TLS listener's port.</summary>
    public int Port { get; }

    /// <summary>Where phones send SIP over TLS: <c>127.0.0.1:port</c>.</summary>
    public string Target => $"127.0.0.1:{Port}";

    /// <summary>The self-signed certificate the host makes in demo mode; phones trust it.</summary>
    public string DemoCertificate => Path.Combine(_folder, "sip-tls.pem");

    /// <summary>The arguments that turn the listener on.</summary>
    public string[] HostArguments =>
        [$"--Sip:Transport:Tls:Port={Port}", $"--Demo:SipCertificateDirectory={_folder}"];

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
