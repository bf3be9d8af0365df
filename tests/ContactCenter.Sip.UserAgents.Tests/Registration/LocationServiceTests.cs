using ContactCenter.Sip.Syntax.Headers;
using ContactCenter.Sip.UserAgents.Registration;

namespace ContactCenter.Sip.UserAgents.Tests.Registration;

public sealed class LocationServiceTests : IDisposable
{
    private static readonly TimeSpan TenMinutes = TimeSpan.FromMinutes(10);
    private readonly RegistrarHarness _h = new();

    public void Dispose() => _h.Dispose();

    [Fact]
    public void Update_NewThenSameContact_RaisesRegisteredThenRefresh()
    {
        var refreshes = new List<bool>();
        _h.Locations.Registered += (_, e) => refreshes.Add(e.IsRefresh);

        _h.Locations.Update("1001", "c", 1, [Request("sip:1001@10.0.0.5")], RegistrarHarness.Phone);
        _h.Locations.Update("1001", "c", 2, [Request("sip:1001@10.0.0.5")], RegistrarHarness.Phone);

        Assert.Equal([false, true], refreshes);
    }

    [Fact]
    public void Update_OneContactOutOfOrder_AppliesNothing()
    {
        _h.Locations.Update("1001", "c", 5, [Request("sip:1001@10.0.0.5")], RegistrarHarness.Phone);

        var result = _h.Locations.Update("1001", "c", 5, [Request("sip:1001@10.0.0.6"), Request("sip:1001@10.0.0.5")], RegistrarHarness.Phone);

        Assert.Equal(BindingUpdateStatus.OutOfOrder, result.Status);
        Assert.Equal("10.0.0.5", Assert.Single(_h.Locations.Lookup("1001")).Uri.Host);
    }

    [Fact]
    public void Lookup_SeveralContacts_HighestQFirst_EqualQInTheOrderTheyRegistered()
    {
        var requests = new[] { "<sip:1001@10.0.0.1>;q=0.5", "<sip:1001@10.0.0.2>", "<sip:1001@10.0.0.3>;q=0.8", "<sip:1001@10.0.0.4>" }
            .Select(c => new BindingRequest(SipNameAddress.Parse(c), TenMinutes)).ToList();

        _h.Locations.Update("1001", "c", 1, requests, RegistrarHarness.Phone);

        Assert.Equal(["10.0.0.2", "10.0.0.4", "10.0.0.3", "10.0.0.1"], _h.Locations.Lookup("1001").Select(b => b.Uri.Host));
    }

    [Fact]
    public void Update_BeyondMaxBindings_RefusesWithTooManyBindings()
    {
        var requests = Enumerable.Range(1, 11).Select(i => Request($"sip:1001@10.0.0.{i}")).ToList();

        var result = _h.Locations.Update("1001", "c", 1, requests, RegistrarHarness.Phone);

        Assert.Equal(BindingUpdateStatus.TooManyBindings, result.Status);
        Assert.Empty(_h.Locations.Lookup("1001"));
    }

    [Fact]
    public void Update_Refreshed_OldTimerDoesNotExpireBinding()
    {
        var expired = 0;
        _h.Locations.Expired += (_, _) => expired++;
        _h.Locations.Update("1001", "c", 1, [Request("sip:1001@10.0.0.5")], RegistrarHarness.Phone);
        _h.Time.Advance(TimeSpan.FromMinutes(9));
        _h.Locations.Update("1001", "c", 2, [Request("sip:1001@10.0.0.5")], RegistrarHarness.Phone);

        _h.Time.Advance(TimeSpan.FromMinutes(2));

        Assert.Equal(0, expired);
        Assert.Single(_h.Locations.Lookup("1001"));
    }

    [Fact]
    public void RemainingSeconds_WallClockSteppedBack_NeverMoreThanGranted()
    {
        _h.Locations.Update("1001", "c", 1, [Request("sip:1001@10.0.0.5")], RegistrarHarness.Phone);
        var binding = Assert.Single(_h.Locations.Lookup("1001"));

        var steppedBack = binding.RegisteredAt - TimeSpan.FromSeconds(3); // the wall clock after an NTP step backwards

        Assert.Equal(600, binding.GetRemainingSeconds(steppedBack));
        Assert.Equal(591, binding.GetRemainingSeconds(binding.RegisteredAt + TimeSpan.FromSeconds(9.5))); // rounded up
        Assert.Equal(0, binding.GetRemainingSeconds(binding.ExpiresAt));
    }

    private static BindingRequest Request(string uri) => new(SipNameAddress.Parse("<" + uri + ">"), TenMinutes);
}
