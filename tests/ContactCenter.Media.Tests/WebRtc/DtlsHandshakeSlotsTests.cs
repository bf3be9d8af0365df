using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using ContactCenter.Media.WebRtc;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Org.BouncyCastle.Security;
using Org.BouncyCastle.Tls;
using Org.BouncyCastle.Tls.Crypto.Impl.BC;

namespace ContactCenter.Media.Tests.WebRtc;

/// <summary>
/// BouncyCastle's blocking DTLS handshakes at scale: each waits on a thread of its own (the thread pool stays free), at
/// most <see cref="DtlsHandshakeSlots.Limit"/> at once (the next is refused: its keys fail, as its leg does), and a peer
/// that stalls is dropped after the timeout on the injected clock, its slot freed.
/// </summary>
public sealed class DtlsHandshakeSlotsTests
{
    private static readonly TimeSpan Safety = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task TwentyStalledPeers_ThreadPoolStaysFree_TheNextIsRefused_TheTimeoutDropsThemAndFreesTheSlots()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var slots = new DtlsHandshakeSlots(20, TimeSpan.FromSeconds(15), time);
        var certificate = DtlsCertificate.Create(TimeProvider.System);
        var hello = CaptureClientHello(certificate);
        var sockets = new List<WebRtcMediaSocket>();
        using var peer = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        peer.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        try
        {
            // Twenty browsers send their ClientHello and then nothing more: twenty handshakes wait in BouncyCastle.
            for (var i = 0; i < 20; i++)
            {
                sockets.Add(Started(certificate, slots));
                peer.SendTo(hello, sockets[i].LocalEndPoint);
            }

            // Once they all started, a thread-pool timer still fires on time (twenty handshakes blocking pool threads would
            // starve it for seconds): waited for and measured with this thread blocked, so nothing here needs the pool itself.
            Assert.True(SpinWait.SpinUntil(() => slots.InUse == 20, Safety), "twenty handshakes run");
            Assert.True(SpinWait.SpinUntil(() => HandshakeThreads() == 20, Safety), $"{HandshakeThreads()} dedicated handshake threads, not 20");
            using (var fired = new ManualResetEventSlim())
            using (new Timer(_ => fired.Set(), null, TimeSpan.FromMilliseconds(200), Timeout.InfiniteTimeSpan))
            {
                var started = Stopwatch.GetTimestamp();
                Assert.True(fired.Wait(Safety));
                var late = Stopwatch.GetElapsedTime(started) - TimeSpan.FromMilliseconds(200);
                Assert.True(late < TimeSpan.FromSeconds(1), $"the timer fired {late.TotalMilliseconds:F0} ms late");
            }

            // The 21st is refused at once; the twenty go on waiting.
            sockets.Add(Started(certificate, slots));
            peer.SendTo(hello, sockets[20].LocalEndPoint);
            var refused = await Assert.ThrowsAsync<DtlsHandshakeRefusedException>(() => sockets[20].Keys.WaitAsync(Safety));
            Assert.Contains("20", refused.Message, StringComparison.Ordinal);
            Assert.Equal(20, slots.InUse);
            Assert.All(sockets.Take(20), s => Assert.False(s.Keys.IsCompleted));

            // The timeout on the injected clock drops the stalled peers: their keys fail and the slots come back.
            time.Advance(TimeSpan.FromSeconds(15));
            foreach (var media in sockets.Take(20))
            {
                await Assert.ThrowsAnyAsync<Exception>(() => media.Keys.WaitAsync(Safety));
            }

            await EventuallyAsync(() => slots.InUse == 0, "every slot is freed");
            await EventuallyAsync(() => HandshakeThreads() == 0, "every handshake thread ended");

            // A new handshake gets a slot again.
            sockets.Add(Started(certificate, slots));
            peer.SendTo(hello, sockets[^1].LocalEndPoint);
            await EventuallyAsync(() => slots.InUse == 1, "the next handshake runs");
        }
        finally
        {
            foreach (var media in sockets)
            {
                await media.DisposeAsync();
            }
        }

        Assert.Equal(0, slots.InUse);
    }

    [Fact]
    public void Slots_TakenUpToTheLimit_GivenBack_TakenAgain()
    {
        var slots = new DtlsHandshakeSlots(2, TimeSpan.FromSeconds(1), TimeProvider.System);

        Assert.True(slots.TryEnter());
        Assert.True(slots.TryEnter());
        Assert.False(slots.TryEnter());
        slots.Exit();
        Assert.True(slots.TryEnter());
        Assert.Equal(2, slots.InUse);
    }

    /// <summary>This process's threads named for a DTLS handshake (Linux names threads after <see cref="Thread.Name"/>).</summary>
    private static int HandshakeThreads() => Directory.EnumerateDirectories("/proc/self/task").Count(task =>
    {
        try
        {
            return string.Equals(File.ReadAllText(Path.Combine(task, "comm")).Trim(), "DTLS handshake", StringComparison.Ordinal);
        }
        catch (IOException)
        {
            return false; // the thread ended while we looked
        }
    });

    private static WebRtcMediaSocket Started(DtlsCertificate certificate, DtlsHandshakeSlots slots)
    {
        var media = new WebRtcMediaSocket(new IPEndPoint(IPAddress.Loopback, 0), new IceLiteResponder("lite", "0123456789abcdefghijklmn"),
            certificate, certificate.Fingerprint, NullLogger.Instance, slots);
        media.Start();
        return media;
    }

    /// <summary>A browser's first DTLS datagram (its ClientHello with use_srtp), from BouncyCastle's client, which is then stopped.</summary>
    private static byte[] CaptureClientHello(DtlsCertificate certificate)
    {
        var transport = new FirstDatagram();
        var client = new BrowserDtlsClient(new BcTlsCrypto(new SecureRandom()), certificate, certificate.Fingerprint);
        Assert.ThrowsAny<Exception>(() => new DtlsClientProtocol().Connect(client, transport));
        return transport.Sent ?? throw new InvalidOperationException("the client sent nothing");
    }

    private static async Task EventuallyAsync(Func<bool> condition, string what)
    {
        var deadline = Stopwatch.GetTimestamp();
        while (!condition())
        {
            Assert.True(Stopwatch.GetElapsedTime(deadline) < Safety, what);
            await Task.Delay(20);
        }
    }

    /// <summary>Keeps the first datagram sent; receiving fails, which ends the client's handshake.</summary>
    private sealed class FirstDatagram : DatagramTransport
    {
        public byte[]? Sent { get; private set; }

        public int GetReceiveLimit() => 1_200;

        public int GetSendLimit() => 1_200;

        public int Receive(byte[] buf, int off, int len, int waitMillis) => throw new InvalidOperationException("captured");

        public int Receive(Span<byte> buffer, int waitMillis) => throw new InvalidOperationException("captured");

        public void Send(byte[] buf, int off, int len) => Sent ??= buf.AsSpan(off, len).ToArray();

        public void Send(ReadOnlySpan<byte> buffer) => Sent ??= buffer.ToArray();

        public void Close()
        {
        }
    }
}
