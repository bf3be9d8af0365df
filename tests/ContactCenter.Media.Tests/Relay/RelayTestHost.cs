using System.Diagnostics.Metrics;
using ContactCenter.Media.Ports;
using ContactCenter.Media.Relay;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace ContactCenter.Media.Tests.Relay;

/// <summary>A relay on 127.0.0.1 over its own port range, with a real or fake clock; disposes what it made.</summary>
internal sealed class RelayTestHost : IAsyncDisposable
{
    private readonly ServiceProvider _services;
    private readonly List<IAsyncDisposable> _owned = [];

    public RelayTestHost(TimeProvider? time = null, int pairs = 16, TimeSpan? silenceTimeout = null, TimeSpan? relatchGap = null,
        TimeSpan? rtcpInterval = null, bool latchKnownAddressesOnly = true, int warmPairs = 1_024)
    {
        _services = new ServiceCollection().AddMetrics().BuildServiceProvider();
        Time = time ?? TimeProvider.System;
        int first = 20_000 + (2 * Random.Shared.Next(0, 15_000));
        Options = new MediaOptions
        {
            PortMin = first,
            PortMax = first + (2 * pairs) - 1,
            SilenceTimeout = silenceTimeout ?? TimeSpan.FromSeconds(60),
            RelatchGap = relatchGap ?? TimeSpan.FromSeconds(2),
            RtcpInterval = rtcpInterval ?? TimeSpan.FromSeconds(5),
            LatchKnownAddressesOnly = latchKnownAddressesOnly,
            WarmPortPairs = warmPairs,
        };
        Metrics = new MediaMetrics(_services.GetRequiredService<IMeterFactory>());
        Ports = new RtpPortAllocator(Options.PortRange, Metrics);
        Relay = new MediaRelay(Ports, Microsoft.Extensions.Options.Options.Create(Options), Metrics, Time, NullLoggerFactory.Instance);
    }

    public MediaOptions Options { get; }

    public TimeProvider Time { get; }

    public FakeTimeProvider FakeTime => (FakeTimeProvider)Time;

    public MediaMetrics Metrics { get; }

    public RtpPortAllocator Ports { get; }

    public MediaRelay Relay { get; }

    public MediaEndpoint Endpoint(MediaLegFormat format, FakePhone? phone = null)
    {
        Assert.True(Relay.TryCreateEndpoint(format, out MediaEndpoint? endpoint));
        _owned.Add(endpoint);
        if (phone is not null)
        {
            endpoint.SetRemote(phone.EndPoint);
        }

        return endpoint;
    }

    public (MediaEndpoint A, MediaEndpoint B, MediaBridge Bridge) BridgePhones(
        FakePhone phoneA, FakePhone phoneB, MediaLegFormat formatA, MediaLegFormat formatB)
    {
        MediaEndpoint a = Endpoint(formatA, phoneA);
        MediaEndpoint b = Endpoint(formatB, phoneB);
        return (a, b, Bridge(a, b));
    }

    public MediaBridge Bridge(MediaEndpoint a, MediaEndpoint b)
    {
        MediaBridge bridge = Relay.CreateBridge(a, b);
        _owned.Insert(0, bridge);
        return bridge;
    }

    public void Advance(TimeSpan total, TimeSpan? step = null)
    {
        TimeSpan each = step ?? TimeSpan.FromMilliseconds(20);
        for (TimeSpan done = TimeSpan.Zero; done < total; done += each)
        {
            FakeTime.Advance(each);
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (IAsyncDisposable owned in _owned)
        {
            await owned.DisposeAsync();
        }

        Relay.Dispose(); // the pairs kept warm
        await _services.DisposeAsync();
    }
}
