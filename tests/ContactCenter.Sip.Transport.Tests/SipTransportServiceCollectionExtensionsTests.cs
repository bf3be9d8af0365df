using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace ContactCenter.Sip.Transport.Tests;

public sealed class SipTransportServiceCollectionExtensionsTests
{
    [Fact]
    public async Task AddSipTransport_Resolved_SameInstanceAsTransportAndHostedService()
    {
        await using var provider = Build(new Dictionary<string, string?> { ["Sip:Transport:UdpPort"] = "0" });

        var transport = provider.GetRequiredService<SipTransport>();

        Assert.Same(transport, provider.GetRequiredService<ISipTransport>());
        Assert.Contains(provider.GetServices<IHostedService>(), s => ReferenceEquals(s, transport));
        Assert.Equal("127.0.0.1", provider.GetRequiredService<IOptions<SipTransportOptions>>().Value.ListenAddress);
    }

    [Theory]
    [InlineData("Sip:Transport:ListenAddress", "not-an-address", "ListenAddress")]
    [InlineData("Sip:Transport:MaxMessageBytes", "100", "MaxMessageBytes")]
    [InlineData("Sip:Transport:MaxConnectionsPerSource", "10000", "MaxConnectionsPerSource")]
    public void AddSipTransport_BadSetting_ValidationNamesTheKey(string key, string value, string expected)
    {
        using var provider = Build(new Dictionary<string, string?> { [key] = value, ["Sip:Transport:MaxConnections"] = "100" });

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<SipTransportOptions>>().Value);

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    private static ServiceProvider Build(Dictionary<string, string?> settings)
    {
        var config = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection();
        services.AddSingleton<ISipMessageHandler, NullHandler>();
        services.AddSipTransport(config);
        return services.BuildServiceProvider();
    }

    private sealed class NullHandler : ISipMessageHandler
    {
        public ValueTask HandleAsync(SipInboundMessage message, CancellationToken cancellationToken) => ValueTask.CompletedTask;
    }
}
