using System.Net;
using ContactCenter.Sip.Syntax;
using ContactCenter.Sip.UserAgents.Authentication;
using ContactCenter.Sip.UserAgents.Registration;
using static ContactCenter.Sip.UserAgents.Tests.RegistrarHarness;

namespace ContactCenter.Sip.UserAgents.Tests.Authentication;

public sealed class DigestAuthenticatorTests : IDisposable
{
    private static readonly IPAddress Source = IPAddress.Parse("192.0.2.10");
    private readonly RegistrarHarness _h = new();

    public void Dispose() => _h.Dispose();

    [Fact]
    public async Task VerifyAsync_RightAnswer_ReturnsOkWithUsername()
    {
        var challenge = _h.Authenticator.CreateChallenges(Source, stale: false)[0];

        var result = await Verify(Register("1001", 1, "<sip:1001@10.0.0.5>", authorization: Answer(challenge, "1001", "secret1")), Source);

        Assert.Equal(new DigestVerification(DigestVerificationStatus.Ok, "1001"), result);
    }

    [Fact]
    public async Task VerifyAsync_NoAuthorization_ReturnsMissing()
    {
        var result = await Verify(Register("1001", 1, "<sip:1001@10.0.0.5>"), Source);

        Assert.Equal(DigestVerificationStatus.Missing, result.Status);
    }

    [Fact]
    public async Task VerifyAsync_CredentialsForOtherRealm_ReturnsMissing()
    {
        var challenge = _h.Authenticator.CreateChallenges(Source, stale: false)[0];
        var answer = Answer(challenge, "1001", "secret1").Replace($"realm=\"{Realm}\"", "realm=\"elsewhere\"", StringComparison.Ordinal);

        var result = await Verify(Register("1001", 1, "<sip:1001@10.0.0.5>", authorization: answer), Source);

        Assert.Equal(DigestVerificationStatus.Missing, result.Status);
    }

    [Fact]
    public async Task VerifyAsync_DigestUriNotRequestUri_ReturnsMalformed()
    {
        var challenge = _h.Authenticator.CreateChallenges(Source, stale: false)[0];

        var result = await Verify(Register("1001", 1, "<sip:1001@10.0.0.5>", authorization: Answer(challenge, "1001", "secret1", uri: "sip:other.test")), Source);

        Assert.Equal(DigestVerificationStatus.Malformed, result.Status);
    }

    [Fact]
    public async Task VerifyAsync_NonceIssuedToOtherAddress_ReturnsStale()
    {
        var challenge = _h.Authenticator.CreateChallenges(IPAddress.Parse("198.51.100.1"), stale: false)[0];

        var result = await Verify(Register("1001", 1, "<sip:1001@10.0.0.5>", authorization: Answer(challenge, "1001", "secret1")), Source);

        Assert.Equal(DigestVerificationStatus.Stale, result.Status);
    }

    [Fact]
    public async Task VerifyAsync_NonceFromAnotherInstance_ReturnsStale()
    {
        using var other = new RegistrarHarness();
        var challenge = other.Authenticator.CreateChallenges(Source, stale: false)[0];

        var result = await Verify(Register("1001", 1, "<sip:1001@10.0.0.5>", authorization: Answer(challenge, "1001", "secret1")), Source);

        Assert.Equal(DigestVerificationStatus.Stale, result.Status);
    }

    [Theory]
    [InlineData(false, DigestVerificationStatus.Failed)]
    [InlineData(true, DigestVerificationStatus.Ok)]
    public async Task VerifyAsync_NoQop_AcceptedOnlyWithRfc2069Option(bool allow, DigestVerificationStatus expected)
    {
        using var h = new RegistrarHarness(new RegistrarOptions { Realm = Realm, AllowRfc2069 = allow });
        var challenge = h.Authenticator.CreateChallenges(Source, stale: false)[1];
        challenge.TryGet("nonce", out var nonce);
        var ha1 = DigestCalculator.ComputeHa1(DigestAlgorithm.Md5, "1001", Realm, "secret1");
        var response = DigestCalculator.ComputeResponse(DigestAlgorithm.Md5, ha1, nonce, null, null, null,
            DigestCalculator.ComputeHa2(DigestAlgorithm.Md5, "REGISTER", "sip:" + Realm));
        var answer = $"Digest username=\"1001\", realm=\"{Realm}\", nonce=\"{nonce}\", uri=\"sip:{Realm}\", response=\"{response}\"";

        var result = await h.Authenticator.VerifyAsync(SipParser.ParseRequest(Register("1001", 1, null, authorization: answer)), Source, CancellationToken.None);

        Assert.Equal(expected, result.Status);
    }

    [Fact]
    public async Task VerifyAsync_SessionAlgorithmWhenOffered_ReturnsOk()
    {
        using var h = new RegistrarHarness(new RegistrarOptions { Realm = Realm, Algorithms = [DigestAlgorithm.Sha256Sess] });
        var challenge = h.Authenticator.CreateChallenges(Source, stale: false)[0];

        var result = await h.Authenticator.VerifyAsync(
            SipParser.ParseRequest(Register("1001", 1, null, authorization: Answer(challenge, "1001", "secret1"))), Source, CancellationToken.None);

        Assert.Equal(DigestVerificationStatus.Ok, result.Status);
    }

    [Fact]
    public async Task VerifyAsync_AlgorithmNotOffered_ReturnsFailed()
    {
        using var h = new RegistrarHarness(new RegistrarOptions { Realm = Realm, Algorithms = [DigestAlgorithm.Sha256] });
        var md5Challenge = _h.Authenticator.CreateChallenges(Source, stale: false)[1];
        var sha = h.Authenticator.CreateChallenges(Source, stale: false)[0];
        sha.TryGet("nonce", out var nonce);
        md5Challenge.TryGet("nonce", out var md5Nonce);
        var answer = Answer(md5Challenge, "1001", "secret1").Replace(md5Nonce, nonce, StringComparison.Ordinal);

        var result = await h.Authenticator.VerifyAsync(SipParser.ParseRequest(Register("1001", 1, null, authorization: answer)), Source, CancellationToken.None);

        Assert.Equal(DigestVerificationStatus.Failed, result.Status);
    }

    [Fact]
    public async Task VerifyAsync_InviteWithServerOnlyDigestUri_ReturnsOk()
    {
        // sipp 3.6 answers a 407 on INVITE sip:NUMBER@HOST:PORT with uri="sip:HOST:PORT": the same server, no user part.
        var challenge = _h.Authenticator.CreateChallenges(Source, stale: false)[0];
        var credentials = Answer(challenge, "1001", "secret1", uri: $"sip:{Realm}:5060", method: "INVITE");

        var result = await _h.Authenticator.VerifyAsync(SipParser.ParseRequest(Invite(credentials)), Source, SipHeaderKind.ProxyAuthorization,
            CancellationToken.None);

        Assert.Equal(new DigestVerification(DigestVerificationStatus.Ok, "1001"), result);
    }

    [Fact]
    public async Task VerifyAsync_InviteWithDigestUriOfAnotherServer_ReturnsMalformed()
    {
        var challenge = _h.Authenticator.CreateChallenges(Source, stale: false)[0];
        var credentials = Answer(challenge, "1001", "secret1", uri: "sip:other.test:5060", method: "INVITE");

        var result = await _h.Authenticator.VerifyAsync(SipParser.ParseRequest(Invite(credentials)), Source, SipHeaderKind.ProxyAuthorization,
            CancellationToken.None);

        Assert.Equal(DigestVerificationStatus.Malformed, result.Status);
    }

    private static string Invite(string proxyAuthorization) =>
        $"INVITE sip:84951000003@{Realm}:5060 SIP/2.0\r\n" +
        "Via: SIP/2.0/UDP 10.0.0.5:5070;rport;branch=z9hG4bKinvite1\r\n" +
        "Max-Forwards: 70\r\n" +
        $"From: <sip:1001@{Realm}>;tag=a1\r\n" +
        $"To: <sip:84951000003@{Realm}>\r\n" +
        "Call-ID: invite-1\r\n" +
        "CSeq: 2 INVITE\r\n" +
        $"Proxy-Authorization: {proxyAuthorization}\r\n" +
        "Content-Length: 0\r\n\r\n";

    [Fact]
    public async Task VerifyAsync_WrongPasswordOnANonceGivenToThisSource_IsAGuess()
    {
        var challenge = _h.Authenticator.CreateChallenges(Source, stale: false)[0];

        var result = await Verify(Register("1001", 1, "<sip:1001@10.0.0.5>", authorization: Answer(challenge, "1001", "guess")), Source);

        Assert.Equal(new DigestVerification(DigestVerificationStatus.Failed, AttemptedUsername: "1001", CountsAsGuess: true), result);
    }

    [Fact]
    public async Task VerifyAsync_WrongPasswordOnAForgedOrForeignNonce_IsNotAGuess()
    {
        var challenge = _h.Authenticator.CreateChallenges(Source, stale: false)[0];
        Assert.True(challenge.TryGet("nonce", out var nonce));
        var forged = Answer(challenge, "1001", "guess").Replace(nonce!, new string('7', nonce!.Length), StringComparison.Ordinal);
        // A spoofer asks for a challenge at its own address and sends the answer as if from the phone's.
        var foreign = _h.Authenticator.CreateChallenges(IPAddress.Parse("198.51.100.66"), stale: false)[0];

        var forgedResult = await Verify(Register("1001", 1, "<sip:1001@10.0.0.5>", authorization: forged), Source);
        var foreignResult = await Verify(Register("1001", 2, "<sip:1001@10.0.0.5>", authorization: Answer(foreign, "1001", "guess")), Source);

        Assert.Equal(DigestVerificationStatus.Failed, forgedResult.Status);
        Assert.False(forgedResult.CountsAsGuess);
        Assert.Equal(DigestVerificationStatus.Failed, foreignResult.Status);
        Assert.False(foreignResult.CountsAsGuess);
    }

    [Fact]
    public async Task VerifyAsync_ExtensionBlockedForGuessing_RightPasswordOnlyFromItsKnownPhone()
    {
        var phone = await Verify(Register("1001", 1, "<sip:1001@10.0.0.5>", authorization: Answer(_h.Authenticator.CreateChallenges(Source, stale: false)[0], "1001", "secret1")), Source);
        for (var i = 1; i <= 5; i++)
        {
            _h.Limiter.RecordFailure(IPAddress.Parse($"198.51.100.{i}"), new DigestVerification(DigestVerificationStatus.Failed, AttemptedUsername: "1001", CountsAsGuess: true), "REGISTER");
        }

        var attacker = IPAddress.Parse("198.51.100.99");
        var fromAttacker = await Verify(Register("1001", 2, "<sip:1001@10.0.0.5>", authorization: Answer(_h.Authenticator.CreateChallenges(attacker, stale: false)[0], "1001", "secret1")), attacker);
        var fromPhone = await Verify(Register("1001", 3, "<sip:1001@10.0.0.5>", authorization: Answer(_h.Authenticator.CreateChallenges(Source, stale: false)[0], "1001", "secret1")), Source);

        Assert.True(phone.IsAuthenticated);
        Assert.Equal(DigestVerificationStatus.Failed, fromAttacker.Status);
        Assert.False(fromAttacker.CountsAsGuess);
        Assert.True(fromPhone.IsAuthenticated);
    }

    private ValueTask<DigestVerification> Verify(string text, IPAddress source) =>
        _h.Authenticator.VerifyAsync(SipParser.ParseRequest(text), source, CancellationToken.None);
}
