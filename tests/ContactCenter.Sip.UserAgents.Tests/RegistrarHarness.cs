using System.Net;
using System.Text;
using ContactCenter.Sip.Syntax;
using ContactCenter.Sip.Syntax.Headers;
using ContactCenter.Sip.Transport;
using ContactCenter.Sip.UserAgents.Authentication;
using ContactCenter.Sip.UserAgents.Registration;
using Microsoft.Extensions.DependencyInjection;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Time.Testing;

namespace ContactCenter.Sip.UserAgents.Tests;

/// <summary>A registrar over a fake clock with users 1001/secret1 and 1002/secret2 in realm pbx.test.</summary>
internal sealed class RegistrarHarness : IDisposable
{
    public const string Realm = "pbx.test";

    public static readonly SipEndPointInfo Phone = new("UDP", IPAddress.Parse("192.0.2.10"), 40123);

    private readonly ServiceProvider _services;
    private int _branch;

    public RegistrarHarness(RegistrarOptions? options = null)
    {
        Options = options ?? new RegistrarOptions { Realm = Realm };
        _services = new ServiceCollection().AddMetrics().BuildServiceProvider();
        var metrics = new UserAgentsMetrics(_services.GetRequiredService<IMeterFactory>());
        var wrapped = Microsoft.Extensions.Options.Options.Create(Options);
        var store = Credentials = new InMemorySipCredentialStore(Options.Realm,
            [new SipCredentialEntry { Extension = "1001", Password = "secret1" }, new SipCredentialEntry { Extension = "1002", Password = "secret2" }]);
        Limiter = new AuthFailureLimiter(wrapped, Time, Log, metrics);
        Authenticator = new DigestAuthenticator(wrapped, store, Time, Limiter);
        Locations = new LocationService(Time, wrapped, NullLogger<LocationService>.Instance, metrics);
        Registrar = new Registrar(wrapped, Authenticator, Limiter, Locations, Time, NullLogger<Registrar>.Instance, metrics, Holds);
    }

    /// <summary>What the limiter logged (its Warning lines are what fail2ban reads).</summary>
    public FakeLogger<AuthFailureLimiter> Log { get; } = new();

    /// <summary>The connections the registrar asked the transport to keep open, and until when.</summary>
    public ConnectionHolds Holds { get; } = new();

    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2025, 3, 1, 9, 0, 0, TimeSpan.Zero));

    public RegistrarOptions Options { get; }

    public DigestAuthenticator Authenticator { get; }

    /// <summary>The extensions' credentials (1001, 1002).</summary>
    public ISipCredentialStore Credentials { get; }

    public AuthFailureLimiter Limiter { get; }

    public LocationService Locations { get; }

    public Registrar Registrar { get; }

    public static string Register(string extension, uint cseq, string? contacts, string? expires = null, string? authorization = null,
        string callId = "reg-call-1", string? extra = null, string? toUser = null)
    {
        var sb = new StringBuilder()
            .Append("REGISTER sip:").Append(Realm).Append(" SIP/2.0\r\n")
            .Append("Via: SIP/2.0/UDP 10.0.0.5:5060;rport;branch=z9hG4bK").Append(Guid.NewGuid().ToString("N")).Append("\r\n")
            .Append("Max-Forwards: 70\r\n")
            .Append("From: <sip:").Append(extension).Append('@').Append(Realm).Append(">;tag=from1\r\n")
            .Append("To: <sip:").Append(toUser ?? extension).Append('@').Append(Realm).Append(">\r\n")
            .Append("Call-ID: ").Append(callId).Append("\r\n")
            .Append("CSeq: ").Append(cseq).Append(" REGISTER\r\n");
        if (contacts is not null)
        {
            sb.Append("Contact: ").Append(contacts).Append("\r\n");
        }

        if (expires is not null)
        {
            sb.Append("Expires: ").Append(expires).Append("\r\n");
        }

        if (authorization is not null)
        {
            sb.Append("Authorization: ").Append(authorization).Append("\r\n");
        }

        if (extra is not null)
        {
            sb.Append(extra).Append("\r\n");
        }

        return sb.Append("Content-Length: 0\r\n\r\n").ToString();
    }

    public static IReadOnlyList<SipAuthHeader> Challenges(SipResponse response) =>
        response.TryGetAuthHeaders(SipHeaderKind.WwwAuthenticate, out var headers) ? headers : [];

    /// <summary>What a phone answers to <paramref name="challenge"/>, computed as RFC 7616 §3.4 says.</summary>
    public static string Answer(SipAuthHeader challenge, string user, string password, uint nonceCount = 1, string cnonce = "0a4f113b",
        string uri = "sip:" + Realm, string method = "REGISTER")
    {
        challenge.TryGet("nonce", out var nonce);
        challenge.TryGet("realm", out var realm);
        challenge.TryGet("opaque", out var opaque);
        challenge.TryGet("algorithm", out var algorithmName);
        Assert.True(DigestAlgorithms.TryParse(algorithmName, out var algorithm));
        var nc = nonceCount.ToString("x8", System.Globalization.CultureInfo.InvariantCulture);
        var ha1 = DigestCalculator.ComputeEffectiveHa1(algorithm, DigestCalculator.ComputeHa1(algorithm, user, realm, password), nonce, cnonce);
        var response = DigestCalculator.ComputeResponse(algorithm, ha1, nonce, nc, cnonce, "auth", DigestCalculator.ComputeHa2(algorithm, method, uri));
        return $"Digest username=\"{user}\", realm=\"{realm}\", nonce=\"{nonce}\", uri=\"{uri}\", response=\"{response}\", " +
            $"algorithm={algorithmName}, cnonce=\"{cnonce}\", opaque=\"{opaque}\", qop=auth, nc={nc}";
    }

    public async Task<SipResponse> SendAsync(string text, SipEndPointInfo? source = null) =>
        await Registrar.HandleAsync(SipParser.ParseRequest(text), source ?? Phone, CancellationToken.None)
        ?? throw new InvalidOperationException("The registrar sent nothing.");

    public async Task<SipAuthHeader> ChallengeAsync(string extension = "1001", SipEndPointInfo? source = null)
    {
        var challenge = await SendAsync(Register(extension, (uint)Interlocked.Increment(ref _branch), "<sip:x@192.0.2.10>"), source);
        return Challenges(challenge)[0];
    }

    /// <summary>Gets a challenge, then sends the REGISTER with credentials for it.</summary>
    public async Task<SipResponse> RegisterAsync(string extension, string password, uint cseq, string? contacts, string? expires = null,
        string callId = "reg-call-1", SipEndPointInfo? source = null)
    {
        var challenge = await ChallengeAsync(extension, source);
        return await SendAsync(Register(extension, cseq, contacts, expires, Answer(challenge, extension, password), callId), source);
    }

    public void Dispose()
    {
        Locations.Dispose();
        _services.Dispose();
    }
}

/// <summary>Records what the registrar asks of the transport's connections.</summary>
internal sealed class ConnectionHolds : ISipConnectionHolds
{
    public List<(SipEndPoint Remote, DateTimeOffset Until)> Requests { get; } = [];

    public void HoldOpenUntil(SipEndPoint remote, DateTimeOffset until) => Requests.Add((remote, until));
}
