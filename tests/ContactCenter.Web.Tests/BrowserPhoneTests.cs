using System.Net;
using System.Net.Http.Json;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using ContactCenter.Sip.UserAgents.Authentication;
using ContactCenter.TestKit;
using static ContactCenter.Web.Tests.BrowserPhonePage;
using static Microsoft.Playwright.Assertions;

namespace ContactCenter.Web.Tests;

/// <summary>The desk's browser phone: JsSIP in Chromium registers over SIP over WebSocket with a short-lived credential.</summary>
[Collection(WebCollection.Name)]
[Trait("Category", "Interop")]
public sealed partial class BrowserPhoneTests(CrmDatabaseFixture database, BrowserFixture browser)
{
    [Fact]
    public async Task BrowserPhone_SwitchedOn_RegistersOverWebSocketAndClosingThePageRemovesTheContact()
    {
        await using var rig = await WebRig.StartAsync(database, browser);
        var page = await rig.SignInAsync("1001", "pw1001", "desk.html");

        await page.CheckAsync("#phone-enable");

        await Expect(page.Locator("#phone-status")).ToHaveAttributeAsync("data-phone", "registered");
        var contact = Assert.Single(await ContactsAsync(rig, "1001"));
        Assert.Equal("WS", contact.GetProperty("transport").GetString());
        Assert.Matches(@"^sip:\w+@\w+\.invalid;transport=ws$", contact.GetProperty("uri").GetString());

        await page.Context.CloseAsync();

        await WebRig.EventuallyAsync(async () => (await ContactsAsync(rig, "1001")).Count == 0, "1001's browser contact is gone with its page");
        using var admin = rig.Host.CreateClient("admin", "admin-demo");
        var explained = await admin.GetFromJsonAsync<JsonElement>("api/routing/explain?from=84951000003&to=7000");
        Assert.Contains(explained.GetProperty("candidates").EnumerateArray(),
            c => c.GetProperty("extension").GetString() == "1001" && c.GetProperty("verdict").GetString()!.Contains("not registered", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ExtensionThatMustUseTlsAndSrtp_PageOverPlainHttp_RegistrationRefusedAndTheDeskSaysWhy()
    {
        await using var rig = await WebRig.StartAsync(database, browser, ["--Sip:Registrar:SecureExtensions:0=1001"]);
        var page = await rig.SignInAsync("1001", "pw1001", "desk.html");

        await page.CheckAsync("#phone-enable");

        // A plain ws:// WebSocket is no place for an extension that must use TLS and SRTP (403 TLS Required, as over UDP).
        await Expect(page.Locator("#phone-status")).ToHaveAttributeAsync("data-phone", "failed");
        await Expect(page.Locator("#phone-message")).ToContainTextAsync("only over a secure (https) connection");
        Assert.Empty(await ContactsAsync(rig, "1001"));
    }

    [Fact]
    public async Task IncomingCall_MicrophoneNotAvailable_TheDeskSaysSo()
    {
        await using var rig = await WebRig.StartAsync(database, browser);
        // The shared Chromium has no fake devices and grants no microphone: answering cannot get one.
        var page = await rig.SignInAsync("1001", "pw1001", "desk.html");
        await page.CheckAsync("#phone-enable");
        await Expect(page.Locator("#phone-status")).ToHaveAttributeAsync("data-phone", "registered");
        _ = rig.CallAsync("84951000003", TimeSpan.FromSeconds(1));
        await Expect(page.Locator("#phone-call")).ToHaveAttributeAsync("data-call", "ringing", new() { Timeout = 30_000 });

        await page.ClickAsync("#phone-answer");

        await Expect(page.Locator("#phone-message")).ToContainTextAsync("microphone is not allowed", new() { Timeout = 30_000 });
        await Expect(page.Locator("#phone-call")).ToHaveAttributeAsync("data-call", "idle");
    }

    [Fact]
    public async Task PhoneCredential_SignedInUser_GetsOnlyTheirOwnExtensionAndItRegistersOnlyOverTheirWebSocket()
    {
        await using var rig = await WebRig.StartAsync(database, browser);
        using var operatorApi = rig.Host.CreateClient("1001", "pw1001");
        using var adminApi = rig.Host.CreateClient("admin", "admin-demo");

        using var issued = await operatorApi.PostAsync(new Uri("api/phone/credential", UriKind.Relative), null);
        using var noPhone = await adminApi.PostAsync(new Uri("api/phone/credential", UriKind.Relative), null);
        var credential = await issued.Content.ReadFromJsonAsync<JsonElement>();
        using var socket = await ConnectAsync(rig, "1001", "pw1001");
        var otherExtension = await RegisterAsync(socket, "1002", "pw1002", "c1");
        var deskPassword = await RegisterAsync(socket, "1001", "pw1001", "c2");
        var browserPassword = await RegisterAsync(socket, "1001", credential.GetProperty("password").GetString()!, "c3");

        Assert.Equal(HttpStatusCode.OK, issued.StatusCode);
        Assert.Equal("1001", credential.GetProperty("username").GetString());
        Assert.True(credential.GetProperty("expiresAt").GetDateTimeOffset() > DateTimeOffset.UtcNow);
        Assert.Equal(HttpStatusCode.Forbidden, noPhone.StatusCode);
        Assert.Equal(403, otherExtension);
        Assert.Equal(401, deskPassword);
        Assert.Equal(200, browserPassword);
        Assert.Equal("WS", Assert.Single(await ContactsAsync(rig, "1001")).GetProperty("transport").GetString());
    }

    [Fact]
    public async Task BrowserInvite_FromAnotherExtensionThanTheSignedInOne_Forbidden()
    {
        await using var rig = await WebRig.StartAsync(database, browser);
        using var socket = await ConnectAsync(rig, "1001", "pw1001");

        var status = await FinalStatusAsync(socket, "INVITE sip:84951000003@127.0.0.1 SIP/2.0\r\n"
            + "Via: SIP/2.0/WS k3lf8s2m.invalid;branch=z9hG4bK-inv-1\r\n"
            + "Max-Forwards: 70\r\n"
            + "From: <sip:1002@127.0.0.1>;tag=t-inv\r\n"
            + "To: <sip:84951000003@127.0.0.1>\r\n"
            + "Call-ID: inv-1\r\n"
            + "CSeq: 1 INVITE\r\n"
            + "Contact: <sip:x@k3lf8s2m.invalid;transport=ws>\r\n"
            + "Content-Length: 0\r\n\r\n");

        Assert.Equal(403, status);
    }

    [Fact]
    public async Task PhoneWebSocket_NotSignedInOrWithoutTheSipSubprotocol_Refused()
    {
        await using var rig = await WebRig.StartAsync(database, browser);

        var anonymous = await Assert.ThrowsAsync<WebSocketException>(() => ConnectAsync(rig, null, null));
        var noSubprotocol = await Assert.ThrowsAsync<WebSocketException>(() => ConnectAsync(rig, "1001", "pw1001", subProtocol: null));

        Assert.Contains("401", anonymous.Message, StringComparison.Ordinal);
        Assert.Contains("400", noSubprotocol.Message, StringComparison.Ordinal);
    }

    private static async Task<ClientWebSocket> ConnectAsync(WebRig rig, string? user, string? password, string? subProtocol = "sip")
    {
        var socket = new ClientWebSocket();
        if (subProtocol is not null)
        {
            socket.Options.AddSubProtocol(subProtocol);
        }

        if (user is not null)
        {
            socket.Options.SetRequestHeader("Authorization", "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{password}")));
        }

        var uri = new UriBuilder(rig.Host.BaseAddress) { Scheme = "ws", Path = "/sip/ws" }.Uri;
        try
        {
            await socket.ConnectAsync(uri, CancellationToken.None);
        }
        catch
        {
            socket.Dispose();
            throw;
        }

        return socket;
    }

    /// <summary>REGISTERs <paramref name="extension"/> over the socket, answering one digest challenge; returns the final status.</summary>
    private static async Task<int> RegisterAsync(ClientWebSocket socket, string extension, string password, string callId)
    {
        var first = await ExchangeAsync(socket, Register(extension, callId, 1, null));
        if (first.Status != 401)
        {
            return first.Status;
        }

        var nonce = NonceRegex().Match(first.Text).Groups[1].Value;
        var realm = RealmRegex().Match(first.Text).Groups[1].Value;
        const string Uri = "sip:127.0.0.1";
        var ha1 = DigestCalculator.ComputeHa1(DigestAlgorithm.Md5, extension, realm, password);
        var ha2 = DigestCalculator.ComputeHa2(DigestAlgorithm.Md5, "REGISTER", Uri);
        var response = DigestCalculator.ComputeResponse(DigestAlgorithm.Md5, ha1, nonce, "00000001", "abc", "auth", ha2);
        var authorization = $"Digest username=\"{extension}\", realm=\"{realm}\", nonce=\"{nonce}\", uri=\"{Uri}\", response=\"{response}\", "
            + "algorithm=MD5, qop=auth, nc=00000001, cnonce=\"abc\"";
        return (await ExchangeAsync(socket, Register(extension, callId, 2, authorization))).Status;
    }

    private static string Register(string extension, string callId, int cseq, string? authorization) =>
        "REGISTER sip:127.0.0.1 SIP/2.0\r\n"
        + $"Via: SIP/2.0/WS k3lf8s2m.invalid;branch=z9hG4bK-{callId}-{cseq}\r\n"
        + "Max-Forwards: 70\r\n"
        + $"From: <sip:{extension}@127.0.0.1>;tag=t{callId}\r\n"
        + $"To: <sip:{extension}@127.0.0.1>\r\n"
        + $"Call-ID: {callId}\r\n"
        + $"CSeq: {cseq} REGISTER\r\n"
        + $"Contact: <sip:x{callId}@k3lf8s2m.invalid;transport=ws>;expires=300\r\n"
        + (authorization is null ? "" : $"Authorization: {authorization}\r\n")
        + "Content-Length: 0\r\n\r\n";

    private static async Task<(int Status, string Text)> ExchangeAsync(ClientWebSocket socket, string request)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        await socket.SendAsync(Encoding.UTF8.GetBytes(request), WebSocketMessageType.Text, true, timeout.Token);
        var buffer = new byte[16_384];
        var result = await socket.ReceiveAsync(buffer, timeout.Token);
        var text = Encoding.UTF8.GetString(buffer, 0, result.Count);
        return (int.Parse(text.AsSpan(8, 3), System.Globalization.CultureInfo.InvariantCulture), text);
    }

    /// <summary>Sends <paramref name="request"/> and reads responses until the final one; returns its status.</summary>
    private static async Task<int> FinalStatusAsync(ClientWebSocket socket, string request)
    {
        var (status, _) = await ExchangeAsync(socket, request);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        var buffer = new byte[16_384];
        while (status < 200)
        {
            var result = await socket.ReceiveAsync(buffer, timeout.Token);
            status = int.Parse(Encoding.UTF8.GetString(buffer, 0, result.Count).AsSpan(8, 3), System.Globalization.CultureInfo.InvariantCulture);
        }

        return status;
    }

    [GeneratedRegex("nonce=\"([^\"]+)\"")]
    private static partial Regex NonceRegex();

    [GeneratedRegex("realm=\"([^\"]+)\"")]
    private static partial Regex RealmRegex();
}
