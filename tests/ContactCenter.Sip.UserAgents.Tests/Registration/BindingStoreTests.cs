using System.Net;
using ContactCenter.Sip.Syntax.Headers;
using ContactCenter.Sip.UserAgents.Registration;
using Microsoft.Extensions.Logging.Abstractions;

namespace ContactCenter.Sip.UserAgents.Tests.Registration;

/// <summary>Issue #15: the registrar's bindings survive a restart - written by one run, put back by the next with their own expiry.</summary>
public sealed class BindingStoreTests : IDisposable
{
    private static readonly SipEndPointInfo Browser = new("WS", IPAddress.Parse("192.0.2.30"), 50100);
    private static readonly SipEndPointInfo DeskPhoneTcp = new("TCP", IPAddress.Parse("192.0.2.20"), 5060);
    private readonly string _folder = Directory.CreateTempSubdirectory("cc-bindings-").FullName;
    private readonly RegistrarHarness _before = new();
    private readonly RegistrarHarness _after = new();

    private string FilePath => Path.Combine(_folder, "registrations.json");

    public void Dispose()
    {
        _before.Dispose();
        _after.Dispose();
        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public void Restart_BindingsComeBackWithTheirOwnExpiry_LapsedAndWebSocketOnesDoNot()
    {
        _before.Locations.Update("1001", "a", 1, [Request("sip:1001@192.0.2.10:40123", TimeSpan.FromMinutes(10))], RegistrarHarness.Phone);
        _before.Locations.Update("1002", "b", 1, [Request("sip:1002@192.0.2.20:5060;transport=tcp", TimeSpan.FromMinutes(1))], DeskPhoneTcp);
        _before.Locations.Update("1003", "c", 1, [Request("sip:k3lf8s2m@df7jal23ls0d.invalid;transport=ws", TimeSpan.FromMinutes(10))], Browser);
        using (var store = new BindingStore(_before.Locations, FilePath, _before.Time, NullLogger<BindingStore>.Instance))
        {
            store.Restore();
            store.Flush();
        }

        _after.Time.SetUtcNow(_before.Time.GetUtcNow() + TimeSpan.FromMinutes(2)); // the restart took two minutes
        var registered = new List<string>();
        _after.Locations.Registered += (_, e) => registered.Add(e.Binding.Extension);
        using var restarted = new BindingStore(_after.Locations, FilePath, _after.Time, NullLogger<BindingStore>.Instance);

        var restored = restarted.Restore();

        Assert.Equal(1, restored);
        Assert.Equal(["1001"], registered); // the ACD hears of it like a REGISTER
        var binding = Assert.Single(_after.Locations.Lookup("1001"));
        Assert.Equal((RegistrarHarness.Phone, "a", 1u), (binding.Source, binding.CallId, binding.CSeq));
        Assert.Empty(_after.Locations.Lookup("1002")); // lapsed during the restart
        Assert.Empty(_after.Locations.Lookup("1003")); // its WebSocket died with the process
        _after.Time.Advance(TimeSpan.FromMinutes(8) + TimeSpan.FromSeconds(1));
        Assert.Empty(_after.Locations.Lookup("1001")); // the expiry the phone was granted, not a new one
    }

    [Fact]
    public void Restore_AContactRegisteredSinceTheStart_KeepsTheNewRegistration()
    {
        _before.Locations.Update("1001", "old", 7, [Request("sip:1001@192.0.2.10:40123", TimeSpan.FromMinutes(10))], RegistrarHarness.Phone);
        using (var store = new BindingStore(_before.Locations, FilePath, _before.Time, NullLogger<BindingStore>.Instance))
        {
            store.Restore();
            store.Flush();
        }

        _after.Time.SetUtcNow(_before.Time.GetUtcNow());
        _after.Locations.Update("1001", "new", 1, [Request("sip:1001@192.0.2.10:40123", TimeSpan.FromMinutes(30))], RegistrarHarness.Phone);
        using var restarted = new BindingStore(_after.Locations, FilePath, _after.Time, NullLogger<BindingStore>.Instance);

        Assert.Equal(0, restarted.Restore());
        Assert.Equal("new", Assert.Single(_after.Locations.Lookup("1001")).CallId);
    }

    [Fact]
    public void Restore_AnUnreadableFile_IsSetAsideAndNothingIsRestored()
    {
        File.WriteAllText(FilePath, "{ not json");
        using var store = new BindingStore(_after.Locations, FilePath, _after.Time, NullLogger<BindingStore>.Instance);

        Assert.Equal(0, store.Restore());
        Assert.True(File.Exists(FilePath + ".unreadable"));
        Assert.Empty(_after.Locations.All());
    }

    private static BindingRequest Request(string uri, TimeSpan expires) => new(SipNameAddress.Parse("<" + uri + ">"), expires);
}
