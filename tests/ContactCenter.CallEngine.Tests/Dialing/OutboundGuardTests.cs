using System.Diagnostics.Metrics;
using ContactCenter.CallEngine.Dialing;
using ContactCenter.CallEngine.Events;
using ContactCenter.Contracts.Calls;
using ContactCenter.PhoneNumbers;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace ContactCenter.CallEngine.Tests.Dialing;

/// <summary>Toll fraud (issue #16): the dial plan and the per-extension limits every outbound call passes.</summary>
public sealed class OutboundGuardTests : IDisposable
{
    private const string Client = "+74951000003";
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 12, 5, 9, 0, 0, TimeSpan.Zero));
    private readonly ServiceProvider _services = new ServiceCollection().AddMetrics().BuildServiceProvider();
    private readonly List<object> _published = [];

    public void Dispose() => _services.Dispose();

    [Fact]
    public void PremiumNumber_RefusedByTheDialPlan_PublishedForTheAlert()
    {
        var decision = Guard().TryStart("1001", "+78091234567", "softphone");

        Assert.False(decision.IsAllowed);
        Assert.Equal(OutboundRefusal.DialPlan, decision.Refusal);
        var refused = Assert.IsType<OutboundCallRefused>(Assert.Single(_published));
        Assert.Equal(("1001", "+78091234567", "softphone", "dial_plan"), (refused.Extension, refused.Number, refused.Purpose, refused.Refusal));
    }

    [Fact]
    public void DoNotCallNumber_Refused_OtherNumbersAndTheCallersOwnCallbackAllowed_NoSlotTaken()
    {
        var guard = Guard(new OutboundLimitOptions { MaxConcurrentPerExtension = 2, MaxPerHourPerExtension = 10 }, new DoNotCall(Client));

        var refused = guard.TryStart("1001", Client, "softphone");
        var other = guard.TryStart("1001", "+74951000001", "softphone");
        var callback = guard.TryStart("1001", Client, "callback");

        Assert.Equal((false, OutboundRefusal.DoNotCall), (refused.IsAllowed, refused.Refusal));
        Assert.True(other.IsAllowed);
        Assert.True(callback.IsAllowed);
        var published = Assert.IsType<OutboundCallRefused>(Assert.Single(_published));
        Assert.Equal(("1001", Client, "do_not_call"), (published.Extension, published.Number, published.Refusal));
    }

    [Fact]
    public void SixthCallAtOnce_Refused_AndAllowedAgainWhenOneEnds()
    {
        var guard = Guard();
        var permits = Enumerable.Range(0, 5).Select(_ => guard.TryStart("1001", Client, "softphone")).ToList();

        var sixth = guard.TryStart("1001", Client, "click-to-call");
        var otherExtension = guard.TryStart("1002", Client, "softphone");
        permits[0].Permit!.Dispose();
        permits[0].Permit!.Dispose(); // a second dispose frees nothing more
        var afterOneEnded = guard.TryStart("1001", Client, "softphone");
        var beyondAgain = guard.TryStart("1001", Client, "softphone");

        Assert.All(permits, p => Assert.True(p.IsAllowed));
        Assert.Equal(OutboundRefusal.Concurrent, sixth.Refusal);
        Assert.True(otherExtension.IsAllowed);
        Assert.True(afterOneEnded.IsAllowed);
        Assert.Equal(OutboundRefusal.Concurrent, beyondAgain.Refusal);
    }

    [Fact]
    public void HourlyLimit_CountsStartsInTheLastHour_NotCallsLongGone()
    {
        var guard = Guard(new OutboundLimitOptions { MaxConcurrentPerExtension = 100, MaxPerHourPerExtension = 3 });
        for (var i = 0; i < 3; i++)
        {
            guard.TryStart("1001", Client, "call-list").Permit!.Dispose();
            _time.Advance(TimeSpan.FromMinutes(10));
        }

        var fourthWithinTheHour = guard.TryStart("1001", Client, "call-list");
        _time.Advance(TimeSpan.FromMinutes(31)); // the first start is now more than an hour old
        var afterTheFirstAged = guard.TryStart("1001", Client, "call-list");

        Assert.Equal(OutboundRefusal.Hourly, fourthWithinTheHour.Refusal);
        Assert.True(afterTheFirstAged.IsAllowed);
    }

    [Fact]
    public void PerExtensionLimit_ForADispatcher_OverridesTheDefault()
    {
        var options = new OutboundLimitOptions { MaxConcurrentPerExtension = 1, PerExtension = { ["5001"] = new OutboundLimit { MaxConcurrent = 3 } } };
        var guard = Guard(options);

        var dispatcher = Enumerable.Range(0, 3).Select(_ => guard.TryStart("5001", Client, "dispatch").IsAllowed).ToList();
        guard.TryStart("1001", Client, "softphone");
        var operatorSecond = guard.TryStart("1001", Client, "softphone");

        Assert.Equal([true, true, true], dispatcher);
        Assert.False(operatorSecond.IsAllowed);
    }

    [Fact]
    public void SystemCall_WithoutExtension_OnlyTheDialPlanApplies()
    {
        var guard = Guard(new OutboundLimitOptions { MaxConcurrentPerExtension = 1 });

        Assert.True(guard.TryStart(null, Client, "callback").IsAllowed);
        Assert.True(guard.TryStart(null, Client, "callback").IsAllowed);
        Assert.False(guard.TryStart(null, "+442079460000", "callback").IsAllowed);
    }

    private OutboundGuard Guard(OutboundLimitOptions? options = null, IDoNotCallCheck? doNotCall = null) => new(
        new DialPlan(new Monitor<DialPlanOptions>(new DialPlanOptions())),
        new Monitor<OutboundLimitOptions>(options ?? new OutboundLimitOptions()),
        _time,
        new Recorder(_published),
        _services.GetRequiredService<IMeterFactory>(),
        NullLogger<OutboundGuard>.Instance,
        doNotCall);

    private sealed class DoNotCall(string number) : IDoNotCallCheck
    {
        public bool IsDoNotCall(string e164) => e164 == number;
    }

    private sealed class Recorder(List<object> published) : ICallEventPublisher
    {
        public void Publish<T>(T message)
            where T : class => published.Add(message);
    }

    private sealed class Monitor<T>(T value) : IOptionsMonitor<T>
    {
        public T CurrentValue => value;

        public T Get(string? name) => value;

        public IDisposable? OnChange(Action<T, string?> listener) => null;
    }
}
