using ContactCenter.Sip.UserAgents.Registration;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ContactCenter.Sip.UserAgents.Tests.Registration;

public sealed class RegistrarServiceCollectionExtensionsTests
{
    [Fact]
    public void AddSipRegistrar_ValidConfiguration_ResolvesRegistrar()
    {
        var config = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Sip:Registrar:Realm"] = "pbx.test",
            ["Sip:Registrar:MinExpiry"] = "00:01:30",
            ["Sip:Credentials:0:Extension"] = "1001",
            ["Sip:Credentials:0:Password"] = "secret1",
        }).Build();
        using var services = new ServiceCollection().AddLogging().AddSipRegistrar(config).BuildServiceProvider();

        var registrar = services.GetRequiredService<Registrar>();

        Assert.NotNull(registrar);
        Assert.Equal(TimeSpan.FromSeconds(90), services.GetRequiredService<IOptions<RegistrarOptions>>().Value.MinExpiry);
    }

    [Fact]
    public void AddSipRegistrar_MinExpiryAboveMaxExpiry_FailsValidation()
    {
        var config = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Sip:Registrar:MinExpiry"] = "03:00:00",
        }).Build();
        using var services = new ServiceCollection().AddLogging().AddSipRegistrar(config).BuildServiceProvider();

        Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<RegistrarOptions>>().Value);
    }
}
