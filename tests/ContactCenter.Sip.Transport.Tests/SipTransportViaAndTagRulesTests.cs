namespace ContactCenter.Sip.Transport.Tests;

/// <summary>
/// Issue #16 "while there", over a real UDP socket: what a peer gets back for a request with 70 Vias, one beyond the
/// Via limit, a Via that is not SIP/2.0/UDP, and a To with two tags.
/// </summary>
public sealed class SipTransportViaAndTagRulesTests
{
    private const string TopVia = "SIP/2.0/UDP 192.0.2.1:5070;branch=z9hG4bK-test;rport";

    [Fact]
    public async Task Udp_RequestWithSeventyVias_AnsweredWithEveryViaInOrder()
    {
        await using var harness = await TransportHarness.StartAsync(TransportHarness.AnswerOk);
        using var peer = new UdpPeer();
        var below = Enumerable.Range(1, 69).Select(i => $"SIP/2.0/UDP proxy{i}.example.com:5060;branch=z9hG4bK-hop{i}").ToList();

        await peer.SendAsync(Messages.Options("seventy-vias", string.Join(", ", [TopVia, .. below])), harness.UdpEndPoint);
        var response = await peer.ReceiveResponseAsync("seventy-vias");

        Assert.Equal(200, response.StatusCode);
        Assert.Equal(70, response.Vias.Count);
        Assert.Equal(peer.EndPoint.Port, response.TopVia.RPort);
        Assert.Equal(below, response.Vias.Skip(1).Select(v => v.ToString()));
    }

    [Fact]
    public async Task Udp_RequestBeyondTheViaLimit_Answers400TooManyViaHeaders()
    {
        // A low limit, so that the peer (default limits) can read the answer's 21 Vias.
        await using var harness = await TransportHarness.StartAsync(TransportHarness.AnswerOk, o => new SipTransportOptions
        {
            ListenAddress = o.ListenAddress,
            UdpPort = o.UdpPort,
            TcpPort = o.TcpPort,
            ShutdownTimeout = o.ShutdownTimeout,
            MaxViaCount = 20,
        });
        using var peer = new UdpPeer();
        var vias = Enumerable.Range(1, 20).Select(i => $"SIP/2.0/UDP p{i}.example.com;branch=z9hG4bK-{i}");

        await peer.SendAsync(Messages.Options("too-many-vias", string.Join(", ", [TopVia, .. vias])), harness.UdpEndPoint);
        var response = await peer.ReceiveResponseAsync("too-many-vias");

        Assert.Equal(400, response.StatusCode);
        Assert.Equal("Too Many Via Headers", response.ReasonPhrase);
        Assert.Equal(21, response.Vias.Count);
        Assert.Equal(0, harness.Handler.Count);
    }

    [Theory]
    [InlineData("SIP/3.0/UDP 192.0.2.1:5070;branch=z9hG4bK-test;rport", null, "Bad Via Protocol")]
    [InlineData(TopVia, "To: <sip:service@127.0.0.1>;tag=x;tag=y", "Bad To")]
    public async Task Udp_MalformedViaOrTo_Answers400WithTheReason(string via, string? to, string reason)
    {
        await using var harness = await TransportHarness.StartAsync(TransportHarness.AnswerOk);
        using var peer = new UdpPeer();
        var text = Messages.Options("rfc3261-rules", via);
        text = to is null ? text : text.Replace("To: <sip:service@127.0.0.1>", to, StringComparison.Ordinal);

        await peer.SendAsync(text, harness.UdpEndPoint);
        var response = await peer.ReceiveResponseAsync("rfc3261-rules");

        Assert.Equal(400, response.StatusCode);
        Assert.Equal(reason, response.ReasonPhrase);
        Assert.Equal(0, harness.Handler.Count);
        Assert.Equal(1, harness.Counter("contactcenter.sip.transport.parse_failures"));
    }

    [Theory]
    [InlineData("To: <sip:alice@example.com>;tag=a1;tag=a2", "Via: SIP/2.0/UDP 127.0.0.1:5060;branch=z9hG4bK-out")]
    [InlineData("To: <sip:alice@example.com>;tag=a1", "Via: SIP/3.0/UDP 127.0.0.1:5060;branch=z9hG4bK-out")]
    public async Task Udp_ResponseWithTwoToTagsOrBadViaProtocol_DroppedAndCounted_NeverAnswered(string to, string via)
    {
        await using var harness = await TransportHarness.StartAsync(TransportHarness.AnswerOk);
        using var peer = new UdpPeer();
        var bad = Messages.Response("bad-response", "127.0.0.1")
            .Replace("To: <sip:alice@example.com>;tag=a1", to, StringComparison.Ordinal)
            .Replace("Via: SIP/2.0/UDP 127.0.0.1:5060;branch=z9hG4bK-out", via, StringComparison.Ordinal);

        // A response is never answered: one breaking RFC 3261's rules is discarded and counted.
        await peer.SendAsync(bad, harness.UdpEndPoint);
        await peer.SendAsync(Messages.Response("good-response", "127.0.0.1"), harness.UdpEndPoint);
        await harness.Handler.NextAsync("good-response");

        Assert.Equal(1, harness.Handler.Count);
        Assert.Equal(1, harness.Counter("contactcenter.sip.transport.dropped", "reason=malformed_response"));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => peer.ReceiveResponseAsync("bad-response", TimeSpan.FromMilliseconds(300)));
    }
}
