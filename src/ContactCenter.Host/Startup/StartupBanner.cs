using ContactCenter.Crm.Demo;
using ContactCenter.Host.Configuration;
using ContactCenter.Sip.UserAgents;
using Microsoft.Extensions.Options;

namespace ContactCenter.Host.Startup;

/// <summary>Tells the person who started the service where to point a browser (and, later, a softphone).</summary>
public static class StartupBanner
{
    /// <summary>Writes the banner to standard output.</summary>
    public static void Print(WebApplication app, HttpSettings http)
    {
        ArgumentNullException.ThrowIfNull(app);
        ArgumentNullException.ThrowIfNull(http);
        var sip = app.Services.GetRequiredService<IOptions<SipSettings>>().Value;
        var transport = app.Services.GetRequiredService<ContactCenter.Sip.Transport.ISipTransport>();
        var realm = app.Services.GetRequiredService<IOptions<RegistrarOptions>>().Value.Realm;
        var sipAt = transport.GetLocalEndPoint(ContactCenter.Sip.Transport.SipTransportProtocol.Udp).EndPoint;
        var host = http.Address is "0.0.0.0" ? "127.0.0.1" : http.Address;
        var demo = app.Configuration.GetValue("Demo:Seed", false);
        Console.WriteLine($"""

            ContactCenter is running.
              Browser:    {(string.IsNullOrWhiteSpace(http.CertificatePath) ? "http" : "https")}://{host}:{http.Port}/   (API: /api, OpenAPI: /openapi/v1.json, health: /health/ready)
              Desktops:   /desk.html (operators, managers), /admin.html (admins), /wallboard.html; live over /hubs/desk
              Softphone:  register extension 1001..5001 at sip:{sipAt} (UDP or TCP), realm '{realm}'
                          {sip.Extensions.Count} extensions; service numbers {string.Join(", ", sip.ServiceNumbers.Keys)}; calls routed by the ACD
              Routing:    why a caller goes where: GET /api/routing/explain?from=84951000001&to=7000 (policy: sip-config/routing.json)
            {(demo ? $"  Demo users: {DemoData.AdminUserName} / {DemoData.AdminPassword} (admin), or an extension with pw+extension, e.g. 1001 / {DemoData.PasswordOf("1001")}" : "")}
              Stop with Ctrl+C.
            """);
    }
}
