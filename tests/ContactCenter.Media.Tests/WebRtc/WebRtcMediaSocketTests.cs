using System.Net;
using System.Net.Sockets;
using ContactCenter.Media.Srtp;
using ContactCenter.Media.WebRtc;
using Microsoft.Extensions.Logging.Abstractions;
using Org.BouncyCastle.Security;
using Org.BouncyCastle.Tls;
using Org.BouncyCastle.Tls.Crypto.Impl.BC;

namespace ContactCenter.Media.Tests.WebRtc;

/// <summary>
/// A WebRTC media socket against a browser stand-in over loopback UDP: ICE-lite check, then BouncyCastle's DTLS client
/// and our DTLS-SRTP server derive the same SRTP keys (RFC 5764 §4.2) and exchange SRTP both ways on the one port.
/// </summary>
public sealed class WebRtcMediaSocketTests
{
    private static readonly TimeSpan Safety = TimeSpan.FromSeconds(20);
    private const string Ufrag = "lite";
    private const string Password = "0123456789abcdefghijklmn";

    [Fact]
    public async Task Handshake_BrowserChecksAndConnects_SameKeysAndSrtpFlowsBothWays()
    {
        var serverCertificate = DtlsCertificate.Create(TimeProvider.System);
        var browserCertificate = DtlsCertificate.Create(TimeProvider.System);
        await using var media = new WebRtcMediaSocket(new IPEndPoint(IPAddress.Loopback, 0), new IceLiteResponder(Ufrag, Password),
            serverCertificate, browserCertificate.Fingerprint, NullLogger.Instance);
        var received = new TaskCompletionSource<byte[]>(TaskCreationOptions.RunContinuationsAsynchronously);
        media.PacketReceived = packet => received.TrySetResult(packet.ToArray());
        media.Start();
        using var browser = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        browser.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        browser.Connect(media.LocalEndPoint);

        var mapped = await CheckAsync(browser);
        var client = new BrowserDtlsClient(new BcTlsCrypto(new SecureRandom()), browserCertificate, serverCertificate.Fingerprint);
        var dtls = await Task.Run(() => new DtlsClientProtocol().Connect(client, new UdpDatagramTransport(browser))).WaitAsync(Safety);
        var ours = await media.Keys.WaitAsync(Safety);
        var theirs = DtlsSrtpKeys.FromKeyingMaterial(SrtpSuite.AesCm128HmacSha1x80, client.KeyingMaterial, isServer: false);

        Assert.Equal(browser.LocalEndPoint, mapped);
        Assert.Equal(theirs.Remote.ToBase64(), ours.Local.ToBase64());
        Assert.Equal(theirs.Local.ToBase64(), ours.Remote.ToBase64());
        Assert.NotEqual(ours.Local.ToBase64(), ours.Remote.ToBase64());

        using var browserSrtp = theirs.CreateSession();
        var toUs = Rtp(sequence: 1, fill: 0x11);
        var wire = new byte[toUs.Length + 64];
        toUs.CopyTo(wire, 0);
        Assert.Equal(SrtpResult.Ok, browserSrtp.ProtectRtp(wire, toUs.Length, out var protectedLength));
        browser.Send(wire.AsSpan(0, protectedLength));
        Assert.Equal(toUs, await received.Task.WaitAsync(Safety));

        var toBrowser = Rtp(sequence: 7, fill: 0x22);
        Assert.True(await media.SendAsync(toBrowser, CancellationToken.None));
        var back = new byte[2_048];
        var length = await browser.ReceiveAsync(back).WaitAsync(Safety);
        Assert.NotEqual(toBrowser, back[..length]); // encrypted on the wire
        Assert.Equal(SrtpResult.Ok, browserSrtp.UnprotectRtp(back.AsSpan(0, length), out var plainLength));
        Assert.Equal(toBrowser, back[..plainLength]);
        dtls.Close();
    }

    [Fact]
    public async Task Handshake_BrowserCertificateNotTheOneInItsSdp_Refused()
    {
        var serverCertificate = DtlsCertificate.Create(TimeProvider.System);
        var browserCertificate = DtlsCertificate.Create(TimeProvider.System);
        var announced = DtlsCertificate.Create(TimeProvider.System).Fingerprint;
        await using var media = new WebRtcMediaSocket(new IPEndPoint(IPAddress.Loopback, 0), new IceLiteResponder(Ufrag, Password),
            serverCertificate, announced, NullLogger.Instance);
        media.Start();
        using var browser = await CheckedBrowserAsync(media);
        var client = new BrowserDtlsClient(new BcTlsCrypto(new SecureRandom()), browserCertificate, serverCertificate.Fingerprint);

        var connect = Task.Run(() => new DtlsClientProtocol().Connect(client, new UdpDatagramTransport(browser)));

        await Assert.ThrowsAnyAsync<Exception>(() => media.Keys.WaitAsync(Safety));
        await Assert.ThrowsAnyAsync<Exception>(() => connect.WaitAsync(Safety));
        Assert.False(await media.SendAsync(Rtp(1, 0x33), CancellationToken.None));
    }

    [Fact]
    public async Task Handshake_FingerprintGivenOnlyAfterTheBrowserStarted_WaitsForItAndCompletes()
    {
        var serverCertificate = DtlsCertificate.Create(TimeProvider.System);
        var browserCertificate = DtlsCertificate.Create(TimeProvider.System);
        await using var media = new WebRtcMediaSocket(new IPEndPoint(IPAddress.Loopback, 0), new IceLiteResponder(Ufrag, Password),
            serverCertificate, remoteFingerprint: null, NullLogger.Instance);
        media.Start();
        using var browser = await CheckedBrowserAsync(media);
        var client = new BrowserDtlsClient(new BcTlsCrypto(new SecureRandom()), browserCertificate, serverCertificate.Fingerprint);

        var connect = Task.Run(() => new DtlsClientProtocol().Connect(client, new UdpDatagramTransport(browser)));
        await Task.Delay(500);
        var early = media.Keys.IsCompleted;
        media.SetRemoteFingerprint(browserCertificate.Fingerprint);

        Assert.False(early);
        await media.Keys.WaitAsync(Safety);
        (await connect.WaitAsync(Safety)).Close();
    }

    /// <summary>A browser socket on loopback that has passed its nominating ICE check with <paramref name="media"/>.</summary>
    private static async Task<Socket> CheckedBrowserAsync(WebRtcMediaSocket media)
    {
        var browser = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        browser.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        browser.Connect(media.LocalEndPoint);
        await CheckAsync(browser);
        return browser;
    }

    /// <summary>The browser's nominating ICE check; returns the address our answer says it came from.</summary>
    private static async Task<EndPoint?> CheckAsync(Socket browser)
    {
        var request = new StunMessageBuilder(StunMessage.BindingRequest, "abcdefghijkl"u8)
            .Add(StunAttributeType.Username, "lite:browser"u8)
            .Add(StunAttributeType.UseCandidate, [])
            .Build("0123456789abcdefghijklmn"u8, fingerprint: true);
        browser.Send(request);
        var buffer = new byte[1_500];
        var length = await browser.ReceiveAsync(buffer).WaitAsync(Safety);
        Assert.True(StunMessage.TryParse(buffer.AsSpan(0, length), out var response));
        Assert.Equal(StunMessage.BindingSuccess, response!.Type);
        return response.GetXorMappedAddress();
    }

    private static byte[] Rtp(ushort sequence, byte fill)
    {
        var packet = new byte[12 + 160];
        packet[0] = 0x80;
        packet[1] = 0; // PCMU
        packet[2] = (byte)(sequence >> 8);
        packet[3] = (byte)sequence;
        packet[11] = 0x42; // SSRC
        packet.AsSpan(12).Fill(fill);
        return packet;
    }
}
