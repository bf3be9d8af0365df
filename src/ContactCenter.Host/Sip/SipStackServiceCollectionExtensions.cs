using ContactCenter.Host.BrowserPhone;
using ContactCenter.Host.Configuration;
using ContactCenter.Sip.Transactions;
using ContactCenter.Sip.Transactions.Timing;
using ContactCenter.Sip.Transport;
using ContactCenter.Sip.UserAgents;
using ContactCenter.Sip.UserAgents.Authentication;
using ContactCenter.Sip.UserAgents.Core;
using ContactCenter.Sip.UserAgents.Dialogs;
using ContactCenter.Sip.UserAgents.Outbound;
using ContactCenter.Sip.UserAgents.Registration;
using Microsoft.Extensions.Options;

namespace ContactCenter.Host.Sip;

/// <summary>Composes the SIP stack: transport -> transactions -> user-agent core (registrar, OPTIONS), and our registrations at carriers.</summary>
public static class SipStackServiceCollectionExtensions
{
    /// <summary>Adds the SIP layers, with credentials from the database's SIP accounts over the extensions in sip-config (kept only as HA1 hashes).</summary>
    public static IServiceCollection AddSipStack(this IServiceCollection services, IConfiguration configuration)
    {
        // sip.json's extensions are the seed; database accounts (admin console) override them.
        services.AddSingleton<SipAccountCredentialStore>();
        services.AddSingleton<ISipCredentialStore>(sp => sp.GetRequiredService<SipAccountCredentialStore>());
        services.AddSingleton(sp => new InMemorySipCredentialStore(
            sp.GetRequiredService<IOptions<RegistrarOptions>>().Value.Realm,
            sp.GetRequiredService<IOptions<SipSettings>>().Value.Extensions.Select(e => new SipCredentialEntry
            {
                Extension = e.Key, Password = string.IsNullOrEmpty(e.Value.Password) ? null : e.Value.Password, Ha1Md5 = e.Value.Ha1Md5, Ha1Sha256 = e.Value.Ha1Sha256,
            })));
        services.AddSipRegistrar(configuration);
        // Issue #17: sip.json's remote agents (RequireTlsAndSrtp) beside Sip:Registrar:SecureExtensions.
        services.AddOptions<RegistrarOptions>().PostConfigure<IOptions<SipSettings>>((registrar, sip) => registrar.SecureExtensions.AddRange(
            sip.Value.Extensions.Where(e => e.Value.RequireTlsAndSrtp && !registrar.SecureExtensions.Contains(e.Key)).Select(e => e.Key)));
        services.AddOptions<UserAgentCoreOptions>().Bind(configuration.GetSection(UserAgentCoreOptions.Section));
        // The browser phone's handler sees each request first: REGISTERs over its WebSockets go to its own registrar.
        services.AddSingleton<UserAgentCore>();
        services.AddSingleton<ISipRequestHandler, BrowserPhoneRequestHandler>();
        services.AddBrowserPhone(configuration);
        // Issue #14: the dialogs' timers (2xx retransmission and its give-up) in the transactions' timer wheel, not two
        // system timers per answered call (registered before AddSipDialogs, whose own registration then stands back).
        services.AddSingleton(sp => ActivatorUtilities.CreateInstance<DialogManager>(sp, (TimeProvider)sp.GetRequiredService<SipTimerWheel>()));
        services.AddSipDialogs();
        services.AddSipTransactions(configuration);
        services.AddSipTransport(configuration);
        // After the transport: started once it listens, stopped (un-REGISTER sent) before it closes.
        services.AddOptions<OutboundRegistrationsOptions>().Bind(configuration.GetSection(OutboundRegistrationsOptions.Section));
        services.AddSingleton<OutboundRegistrations>();
        services.AddHostedService(sp => sp.GetRequiredService<OutboundRegistrations>());
        return services;
    }
}
