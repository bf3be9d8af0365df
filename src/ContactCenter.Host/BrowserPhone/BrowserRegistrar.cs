using ContactCenter.Sip.UserAgents;
using ContactCenter.Sip.UserAgents.Authentication;
using ContactCenter.Sip.UserAgents.Registration;
using Microsoft.Extensions.Options;

namespace ContactCenter.Host.BrowserPhone;

/// <summary>
/// A second registrar over the same location service, failure limiter and settings as the phones' one, but whose digest
/// checks the browser passwords (<see cref="BrowserCredentialStore"/>) and challenges with MD5 only (JsSIP answers no
/// other algorithm). Its bindings are ordinary contacts of the extension.
/// </summary>
public sealed class BrowserRegistrar
{
    /// <summary>
    /// Builds it from the registrar settings (<c>Sip:Registrar</c>) with <c>Algorithms</c> = MD5, and the extensions that
    /// must use TLS and SRTP as the phones' registrar has them (<c>SecureExtensions</c> and sip.json's
    /// <c>RequireTlsAndSrtp</c>): those register over WSS only.
    /// </summary>
    public BrowserRegistrar(IConfiguration configuration, IOptions<RegistrarOptions> phones, BrowserCredentialStore credentials, AuthFailureLimiter limiter,
        LocationService locations, TimeProvider time, ILogger<Registrar> logger, UserAgentsMetrics metrics)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(phones);
        var settings = configuration.GetSection(RegistrarOptions.Section).AsEnumerable(makePathsRelative: true)
            .Where(p => p.Value is not null && !p.Key.StartsWith("Algorithms", StringComparison.OrdinalIgnoreCase)
                && !p.Key.StartsWith("SecureExtensions", StringComparison.OrdinalIgnoreCase));
        var md5Only = new RegistrarOptions { Algorithms = [DigestAlgorithm.Md5], SecureExtensions = [.. phones.Value.SecureExtensions] };
        new ConfigurationBuilder().AddInMemoryCollection(settings).Build().Bind(md5Only);
        var options = Options.Create(md5Only);
        Authenticator = new DigestAuthenticator(options, credentials, time, limiter);
        Registrar = new Registrar(options, Authenticator, limiter, locations, time, logger, metrics);
    }

    /// <summary>The digest authenticator over the browser passwords (a browser's own INVITEs are checked with it too).</summary>
    public DigestAuthenticator Authenticator { get; }

    /// <summary>The registrar for REGISTERs over a browser phone's WebSocket.</summary>
    public Registrar Registrar { get; }
}
