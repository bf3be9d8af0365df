using ContactCenter.Sip.Syntax;
using ContactCenter.Sip.Transport;
using ContactCenter.Sip.UserAgents.Authentication;
using ContactCenter.Sip.UserAgents.Registration;
using static ContactCenter.Sip.UserAgents.Tests.RegistrarHarness;

namespace ContactCenter.Sip.UserAgents.Tests.Registration;

public sealed class RegistrarTests : IDisposable
{
    private readonly RegistrarHarness _h = new();

    public void Dispose() => _h.Dispose();

    [Fact]
    public async Task HandleAsync_NoCredentials_ChallengesSha256ThenMd5()
    {
        var response = await _h.SendAsync(Register("1001", 1, "<sip:1001@192.0.2.10:5060>"));

        Assert.Equal(401, response.StatusCode);
        var challenges = Challenges(response);
        Assert.Equal(["SHA-256", "MD5"], challenges.Select(c => c.TryGet("algorithm", out var a) ? a : null));
        Assert.All(challenges, c =>
        {
            Assert.True(c.IsScheme("Digest"));
            Assert.True(c.TryGet("realm", out var realm) && realm == Realm);
            Assert.True(c.TryGet("qop", out var qop) && qop == "auth");
            Assert.True(c.TryGet("nonce", out _) && c.TryGet("opaque", out _));
            Assert.False(c.Parameters.Contains("stale"));
        });
        Assert.Empty(_h.Locations.Lookup("1001"));
    }

    [Fact]
    public async Task HandleAsync_ValidCredentials_BindsContactWithSourceAndListsIt()
    {
        var response = await _h.RegisterAsync("1001", "secret1", 2, "<sip:1001@10.0.0.5:5060>;+sip.instance=\"<urn:uuid:00000000-0000-0000-0000-000000000001>\";reg-id=1", "600");

        Assert.Equal(200, response.StatusCode);
        var contact = Assert.Single(response.Contacts);
        Assert.Equal("sip:1001@10.0.0.5:5060", contact.Uri.ToString());
        Assert.Equal(600, contact.Expires);
        Assert.NotNull(response.To.Tag);
        Assert.True(response.Headers.Contains(SipHeaderKind.Date));
        var binding = Assert.Single(_h.Locations.Lookup("1001"));
        Assert.Equal(Phone, binding.Source);
        Assert.Equal("<urn:uuid:00000000-0000-0000-0000-000000000001>", binding.InstanceId);
        Assert.Equal(1, binding.RegId);
    }

    [Fact]
    public async Task HandleAsync_RegisteredOverTcp_HoldsTheConnectionUntilTheBindingExpires_NotOverUdp()
    {
        var tcp = new SipEndPointInfo("TCP", System.Net.IPAddress.Parse("192.0.2.10"), 40124);

        await _h.RegisterAsync("1001", "secret1", 2, "<sip:1001@10.0.0.5:5060;transport=tcp>", "600", source: tcp);
        await _h.RegisterAsync("1002", "secret2", 2, "<sip:1002@10.0.0.6:5060>", "600", callId: "udp-reg");

        var hold = Assert.Single(_h.Holds.Requests);
        Assert.Equal(new SipEndPoint(SipTransportProtocol.Tcp, tcp.EndPoint), hold.Remote);
        Assert.Equal(_h.Time.GetUtcNow().AddSeconds(600 + 32), hold.Until);
    }

    [Fact]
    public async Task HandleAsync_Md5Challenge_Authenticates()
    {
        var challenge = Challenges(await _h.SendAsync(Register("1001", 1, "<sip:x@192.0.2.10>")))[1];

        var response = await _h.SendAsync(Register("1001", 2, "<sip:1001@10.0.0.5>", "600", Answer(challenge, "1001", "secret1")));

        Assert.Equal(200, response.StatusCode);
    }

    [Fact]
    public async Task HandleAsync_Refresh_KeepsOneBindingWithNewExpiry()
    {
        await _h.RegisterAsync("1001", "secret1", 2, "<sip:1001@10.0.0.5>", "600");
        _h.Time.Advance(TimeSpan.FromSeconds(500));

        var response = await _h.RegisterAsync("1001", "secret1", 3, "<sip:1001@10.0.0.5>", "600");

        Assert.Equal(200, response.StatusCode);
        Assert.Equal(600, Assert.Single(response.Contacts).Expires);
        _h.Time.Advance(TimeSpan.FromSeconds(200));
        Assert.Single(_h.Locations.Lookup("1001"));
    }

    [Fact]
    public async Task HandleAsync_SeveralContacts_ListsAllWithTheirRemainingExpiry()
    {
        await _h.RegisterAsync("1001", "secret1", 2, "<sip:1001@10.0.0.5>;expires=300", "600");
        _h.Time.Advance(TimeSpan.FromSeconds(100));

        var response = await _h.RegisterAsync("1001", "secret1", 3, "<sip:1001@10.0.0.6>, <sip:1001@10.0.0.7>;expires=120", "600");

        Assert.Equal(200, response.StatusCode);
        var expires = response.Contacts.ToDictionary(c => c.Uri.Host!, c => c.Expires);
        Assert.Equal(200, expires["10.0.0.5"]);
        Assert.Equal(600, expires["10.0.0.6"]);
        Assert.Equal(120, expires["10.0.0.7"]);
    }

    [Fact]
    public async Task HandleAsync_ExpiresZeroForOneContact_RemovesOnlyThatOne()
    {
        await _h.RegisterAsync("1001", "secret1", 2, "<sip:1001@10.0.0.5>, <sip:1001@10.0.0.6>", "600");
        var removed = new List<ContactBinding>();
        _h.Locations.Unregistered += (_, e) => removed.Add(e.Binding);

        var response = await _h.RegisterAsync("1001", "secret1", 3, "<sip:1001@10.0.0.5>;expires=0");

        Assert.Equal("10.0.0.6", Assert.Single(response.Contacts).Uri.Host);
        Assert.Equal("10.0.0.5", Assert.Single(removed).Uri.Host);
    }

    [Fact]
    public async Task HandleAsync_WildcardWithExpiresZero_RemovesAllBindings()
    {
        await _h.RegisterAsync("1001", "secret1", 2, "<sip:1001@10.0.0.5>, <sip:1001@10.0.0.6>", "600");

        var response = await _h.RegisterAsync("1001", "secret1", 3, "*", "0");

        Assert.Equal(200, response.StatusCode);
        Assert.Empty(response.Contacts);
        Assert.Empty(_h.Locations.Lookup("1001"));
    }

    [Fact]
    public async Task HandleAsync_WildcardWithNonZeroExpires_Returns400()
    {
        await _h.RegisterAsync("1001", "secret1", 2, "<sip:1001@10.0.0.5>", "600");

        var response = await _h.RegisterAsync("1001", "secret1", 3, "*", "60");

        Assert.Equal(400, response.StatusCode);
        Assert.Single(_h.Locations.Lookup("1001"));
    }

    [Fact]
    public async Task HandleAsync_ExpiryBelowMinimum_Returns423WithMinExpires()
    {
        var response = await _h.RegisterAsync("1001", "secret1", 2, "<sip:1001@10.0.0.5>", "30");

        Assert.Equal(423, response.StatusCode);
        Assert.True(response.TryGetMinExpires(out var min));
        Assert.Equal(60, min);
        Assert.Empty(_h.Locations.Lookup("1001"));
    }

    [Fact]
    public async Task HandleAsync_ExpiryAboveMaximum_IsCapped()
    {
        var response = await _h.RegisterAsync("1001", "secret1", 2, "<sip:1001@10.0.0.5>;expires=999999999999");

        Assert.Equal(7200, Assert.Single(response.Contacts).Expires);
    }

    [Fact]
    public async Task HandleAsync_NoExpiresAnywhere_UsesDefaultExpiry()
    {
        var response = await _h.RegisterAsync("1001", "secret1", 2, "<sip:1001@10.0.0.5>");

        Assert.Equal(3600, Assert.Single(response.Contacts).Expires);
    }

    [Fact]
    public async Task HandleAsync_SameCallIdLowerCSeq_Returns500AndKeepsBinding()
    {
        await _h.RegisterAsync("1001", "secret1", 5, "<sip:1001@10.0.0.5>", "600");

        var response = await _h.RegisterAsync("1001", "secret1", 4, "<sip:1001@10.0.0.5>", "0");

        Assert.Equal(500, response.StatusCode);
        Assert.Single(_h.Locations.Lookup("1001"));
    }

    [Fact]
    public async Task HandleAsync_OtherCallIdLowerCSeq_UpdatesBinding()
    {
        await _h.RegisterAsync("1001", "secret1", 5, "<sip:1001@10.0.0.5>", "600");

        var response = await _h.RegisterAsync("1001", "secret1", 1, "<sip:1001@10.0.0.5>", "0", callId: "after-reboot");

        Assert.Equal(200, response.StatusCode);
        Assert.Empty(_h.Locations.Lookup("1001"));
    }

    [Fact]
    public async Task HandleAsync_NoContact_ListsCurrentBindings()
    {
        await _h.RegisterAsync("1001", "secret1", 2, "<sip:1001@10.0.0.5>", "600");

        var response = await _h.RegisterAsync("1001", "secret1", 3, contacts: null);

        Assert.Equal(200, response.StatusCode);
        Assert.Single(response.Contacts);
    }

    [Fact]
    public async Task HandleAsync_ToIsAnotherExtension_Returns403()
    {
        var challenge = await _h.ChallengeAsync("1001");

        var response = await _h.SendAsync(Register("1001", 2, "<sip:1001@10.0.0.5>", "600", Answer(challenge, "1001", "secret1"), toUser: "1002"));

        Assert.Equal(403, response.StatusCode);
        Assert.Empty(_h.Locations.Lookup("1002"));
    }

    [Fact]
    public async Task HandleAsync_UnsupportedRequire_Returns420WithUnsupported()
    {
        var response = await _h.SendAsync(Register("1001", 1, "<sip:1001@10.0.0.5>", extra: "Require: gruu, path"));

        Assert.Equal(420, response.StatusCode);
        Assert.True(response.TryGetTokens(SipHeaderKind.Unsupported, out var unsupported));
        Assert.Equal(["gruu", "path"], unsupported);
    }

    [Fact]
    public async Task HandleAsync_MalformedAuthorization_Returns400()
    {
        var response = await _h.SendAsync(Register("1001", 1, "<sip:1001@10.0.0.5>", authorization: $"Digest username=\"1001\", realm=\"{Realm}\""));

        Assert.Equal(400, response.StatusCode);
    }

    [Fact]
    public async Task HandleAsync_ExpiredNonceWithRightPassword_Returns401Stale()
    {
        var challenge = await _h.ChallengeAsync();
        _h.Time.Advance(TimeSpan.FromSeconds(301));

        var response = await _h.SendAsync(Register("1001", 2, "<sip:1001@10.0.0.5>", "600", Answer(challenge, "1001", "secret1")));

        Assert.Equal(401, response.StatusCode);
        Assert.All(Challenges(response), c => Assert.True(c.TryGet("stale", out var stale) && stale == "true"));
    }

    [Fact]
    public async Task HandleAsync_ExpiredNonceWithWrongPassword_Returns401WithoutStale()
    {
        var challenge = await _h.ChallengeAsync();
        _h.Time.Advance(TimeSpan.FromSeconds(301));

        var response = await _h.SendAsync(Register("1001", 2, "<sip:1001@10.0.0.5>", "600", Answer(challenge, "1001", "wrong")));

        Assert.Equal(401, response.StatusCode);
        Assert.All(Challenges(response), c => Assert.False(c.Parameters.Contains("stale")));
    }

    [Fact]
    public async Task HandleAsync_ReplayedNonceCount_Rejected()
    {
        var challenge = await _h.ChallengeAsync();
        var first = await _h.SendAsync(Register("1001", 2, "<sip:1001@10.0.0.5>", "600", Answer(challenge, "1001", "secret1", nonceCount: 1)));

        var replay = await _h.SendAsync(Register("1001", 3, "<sip:1001@10.0.0.5>", "0", Answer(challenge, "1001", "secret1", nonceCount: 1)));
        var next = await _h.SendAsync(Register("1001", 4, "<sip:1001@10.0.0.5>", "600", Answer(challenge, "1001", "secret1", nonceCount: 2)));

        Assert.Equal(200, first.StatusCode);
        Assert.Equal(401, replay.StatusCode);
        Assert.Equal(200, next.StatusCode);
        Assert.Single(_h.Locations.Lookup("1001"));
    }

    [Fact]
    public async Task HandleAsync_UnknownExtensionAndWrongPassword_GiveIdenticalAnswers()
    {
        var unknownChallenge = await _h.ChallengeAsync("1009");
        var knownChallenge = await _h.ChallengeAsync("1001");

        var unknown = await _h.SendAsync(Register("1009", 2, "<sip:1009@10.0.0.5>", "600", Answer(unknownChallenge, "1009", "guess")));
        var wrong = await _h.SendAsync(Register("1001", 2, "<sip:1001@10.0.0.5>", "600", Answer(knownChallenge, "1001", "guess")));

        Assert.Equal(401, unknown.StatusCode);
        Assert.Equal(unknown.StatusCode, wrong.StatusCode);
        Assert.Equal(unknown.ReasonPhrase, wrong.ReasonPhrase);
        Assert.Equal(unknown.Headers.Select(h => h.Name), wrong.Headers.Select(h => h.Name));
        Assert.Equal(Shape(unknown), Shape(wrong));
        Assert.Equal(unknown.Bytes.Length - "1009".Length * 2, wrong.Bytes.Length - "1001".Length * 2);
    }

    [Fact]
    public async Task HandleAsync_TooManyFailures_BlocksSourceWith403UntilBlockForPasses()
    {
        var challenge = await _h.ChallengeAsync();
        for (var i = 0; i < 10; i++)
        {
            await _h.SendAsync(Register("1001", (uint)(10 + i), "<sip:1001@10.0.0.5>", "600", Answer(challenge, "1001", "guess" + i)));
        }

        var blocked = await _h.SendAsync(Register("1001", 30, "<sip:1001@10.0.0.5>", "600", Answer(challenge, "1001", "secret1", nonceCount: 2)));
        var otherSource = await _h.RegisterAsync("1002", "secret2", 1, "<sip:1002@10.0.0.9>", "600", source: Phone with { Address = System.Net.IPAddress.Parse("192.0.2.77") });
        _h.Time.Advance(TimeSpan.FromSeconds(301));
        var after = await _h.RegisterAsync("1001", "secret1", 31, "<sip:1001@10.0.0.5>", "600");

        Assert.Equal(403, blocked.StatusCode);
        Assert.Equal(200, otherSource.StatusCode);
        Assert.Equal(200, after.StatusCode);
    }

    [Fact]
    public async Task HandleAsync_BlockedSourceWithDropAction_SendsNothing()
    {
        using var h = new RegistrarHarness(new RegistrarOptions { Realm = Realm, MaxFailures = 1, BlockedAction = BlockedSourceAction.Drop });
        var challenge = await h.ChallengeAsync();
        await h.SendAsync(Register("1001", 2, "<sip:1001@10.0.0.5>", "600", Answer(challenge, "1001", "guess")));

        var response = await h.Registrar.HandleAsync(SipParser.ParseRequest(Register("1001", 3, "<sip:1001@10.0.0.5>")), Phone, CancellationToken.None);

        Assert.Null(response);
    }

    [Fact]
    public async Task HandleAsync_BindingNotRefreshed_ExpiresAndRaisesExpired()
    {
        var expired = new List<ContactBinding>();
        _h.Locations.Expired += (_, e) => expired.Add(e.Binding);
        await _h.RegisterAsync("1001", "secret1", 2, "<sip:1001@10.0.0.5>", "120");

        _h.Time.Advance(TimeSpan.FromSeconds(119));
        var before = _h.Locations.Lookup("1001").Count;
        _h.Time.Advance(TimeSpan.FromSeconds(1));

        Assert.Equal(1, before);
        Assert.Equal("10.0.0.5", Assert.Single(expired).Uri.Host);
        Assert.Empty(_h.Locations.Lookup("1001"));
    }

    private static List<string> Shape(SipResponse response) =>
        [.. Challenges(response).Select(c => string.Join(",", c.Parameters.Select(p => p.Name + (p.Name is "nonce" ? "" : "=" + p.Value))))];
}
