using System.Security.Cryptography.X509Certificates;
using ContactCenter.Host.Configuration;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace ContactCenter.Host.Security;

/// <summary>HTTPS with a configured certificate, Secure cookies, HSTS, and forwarded headers believed only from configured proxies.</summary>
public static class HttpTransportSecurity
{
    /// <summary>Listens on <c>Http:Address</c>:<c>Http:Port</c>, with TLS when <c>Http:CertificatePath</c> is set.</summary>
    public static void Listen(KestrelServerOptions kestrel, HttpSettings http)
    {
        ArgumentNullException.ThrowIfNull(kestrel);
        ArgumentNullException.ThrowIfNull(http);
        var address = HostAddresses.Parse("Http:Address", http.Address);
        if (string.IsNullOrWhiteSpace(http.CertificatePath))
        {
            kestrel.Listen(address, http.Port);
            return;
        }

        var certificate = LoadCertificate(http);
        kestrel.Listen(address, http.Port, listen => listen.UseHttps(certificate));
    }

    /// <summary>Secure cookies, HSTS and forwarded-header settings for what <paramref name="http"/> says.</summary>
    public static IServiceCollection AddHttpTransportSecurity(this IServiceCollection services, HttpSettings http)
    {
        ArgumentNullException.ThrowIfNull(http);
        services.PostConfigure<CookieAuthenticationOptions>(CookieAuthenticationDefaults.AuthenticationScheme, options =>
            options.Cookie.SecurePolicy = http.ServesHttps ? CookieSecurePolicy.Always : CookieSecurePolicy.SameAsRequest);
        services.AddHsts(options =>
        {
            options.MaxAge = TimeSpan.FromDays(365);
            options.IncludeSubDomains = false;
            // The default list skips localhost; whoever configured a certificate for an address wants HSTS on it.
            options.ExcludedHosts.Clear();
        });
        services.Configure<ForwardedHeadersOptions>(options =>
        {
            options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            // Only the proxies named in settings: not ASP.NET's default of any loopback address.
            options.KnownProxies.Clear();
            options.KnownIPNetworks.Clear();
            foreach (var proxy in http.TrustedProxies)
            {
                options.KnownProxies.Add(HostAddresses.Parse("Http:TrustedProxies", proxy));
            }

            options.ForwardLimit = 1;
        });
        return services;
    }

    /// <summary>Forwarded headers (from trusted proxies only) first, then HSTS when the service is reached over HTTPS.</summary>
    public static WebApplication UseHttpTransportSecurity(this WebApplication app, HttpSettings http)
    {
        ArgumentNullException.ThrowIfNull(app);
        ArgumentNullException.ThrowIfNull(http);
        if (http.TrustedProxies.Count > 0)
        {
            app.UseForwardedHeaders();
        }

        if (http.ServesHttps)
        {
            app.UseHsts();
        }

        return app;
    }

    private static X509Certificate2 LoadCertificate(HttpSettings http)
    {
        var path = http.CertificatePath!;
        if (!File.Exists(path))
        {
            throw new StartupFailureException("Http:CertificatePath", $"no certificate file at '{path}'.");
        }

        try
        {
            return path.EndsWith(".pem", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".crt", StringComparison.OrdinalIgnoreCase)
                ? X509Certificate2.CreateFromPemFile(path, http.CertificatePassword)
                : X509CertificateLoader.LoadPkcs12FromFile(path, http.CertificatePassword);
        }
        catch (System.Security.Cryptography.CryptographicException ex)
        {
            throw new StartupFailureException("Http:CertificatePath", $"cannot load the certificate '{path}' (wrong Http:CertificatePassword?): {ex.Message}", ex);
        }
    }
}
