namespace ContactCenter.Host.BrowserPhone;

/// <summary>Registers the browser phone's services (the SIP stack's request handler in front of the core among them).</summary>
public static class BrowserPhoneServiceCollectionExtensions
{
    /// <summary>Adds the credential issuer, the browser registrar, the WebSocket bookkeeping and the browser legs' media gateway, with <see cref="BrowserPhoneOptions"/> from <c>BrowserPhone</c>.</summary>
    public static IServiceCollection AddBrowserPhone(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<BrowserPhoneOptions>().Bind(configuration.GetSection(BrowserPhoneOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<BrowserSipCredentials>();
        services.AddSingleton(sp => new BrowserCredentialStore(
            sp.GetRequiredService<ContactCenter.Sip.UserAgents.Authentication.ISipCredentialStore>(), sp.GetRequiredService<BrowserSipCredentials>()));
        services.AddSingleton<BrowserCredentialThrottle>();
        services.AddSingleton<BrowserRegistrar>();
        services.AddSingleton<BrowserPhoneConnections>();
        services.AddSingleton<ContactCenter.Sip.UserAgents.Sessions.IBranchMediaGateway, BrowserMediaGateway>();
        return services;
    }
}
