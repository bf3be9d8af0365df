using System.Net;
using ContactCenter.Sip.Syntax;
using ContactCenter.Sip.Syntax.Building;
using ContactCenter.Sip.Syntax.Headers;
using ContactCenter.Sip.Transport;
using Microsoft.Extensions.DependencyInjection;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace ContactCenter.Sip.Transactions.Tests;

/// <summary>A transaction layer over a fake transport and fake clock, with a peer to exchange messages with.</summary>
internal sealed class TestStack : IDisposable
{
    private static readonly DateTimeOffset Start = new(2026, 1, 1, 9, 0, 0, TimeSpan.Zero);
    private readonly ServiceProvider _services;
    private uint _cseq = 1;

    public TestStack(SipTransportProtocol protocol = SipTransportProtocol.Udp, SipTimerOptions? timers = null)
    {
        Protocol = protocol;
        Time = new FakeTimeProvider(Start);
        Transport = new FakeTransport(Time, Start);
        Handler = new RecordingRequestHandler();
        _services = new ServiceCollection().AddMetrics().BuildServiceProvider();
        MeterFactory = _services.GetRequiredService<IMeterFactory>();
        Metrics = new SipTransactionsMetrics(MeterFactory);
        Layer = new SipTransactionLayer(Transport, Handler, Microsoft.Extensions.Options.Options.Create(timers ?? new SipTimerOptions()), Time,
            NullLogger<SipTransactionLayer>.Instance, Metrics);
    }

    public SipTransportProtocol Protocol { get; }

    public FakeTimeProvider Time { get; }

    public FakeTransport Transport { get; }

    public RecordingRequestHandler Handler { get; }

    public IMeterFactory MeterFactory { get; }

    public SipTransactionsMetrics Metrics { get; }

    public SipTransactionLayer Layer { get; }

    /// <summary>The far end.</summary>
    public SipEndPoint Peer => new(Protocol, new IPEndPoint(IPAddress.Parse("192.0.2.10"), 5070));

    public SipEndPoint Local => Transport.GetLocalEndPoint(Protocol);

    public TimeSpan Elapsed => Time.GetUtcNow() - Start;

    public void Advance(TimeSpan total) => Time.AdvanceInSteps(total);

    public void AdvanceTo(TimeSpan elapsed) => Time.AdvanceInSteps(elapsed - Elapsed);

    /// <summary>A request as our TU would build it: top Via with our address and a fresh branch.</summary>
    public SipRequest OutgoingRequest(SipMethod method, Action<SipRequestBuilder>? customize = null)
    {
        var via = SipVia.Create(Protocol == SipTransportProtocol.Tcp ? "TCP" : "UDP", "192.0.2.1", 5060, SipIds.NewBranch());
        var builder = SipRequestBuilder.Create(method, SipUri.Parse("sip:bob@192.0.2.10:5070"), via,
            SipNameAddress.Parse("<sip:alice@192.0.2.1>;tag=" + SipIds.NewTag()), SipNameAddress.Parse("<sip:bob@192.0.2.10>"),
            SipIds.NewCallId(), _cseq++);
        customize?.Invoke(builder);
        return builder.Build();
    }

    /// <summary>Sends a new request of <paramref name="method"/> to the peer through the layer.</summary>
    public async Task<(SipRequest Request, SipClientTransaction Transaction)> StartClientAsync(SipMethod method)
    {
        var request = OutgoingRequest(method);
        return (request, await Layer.SendRequestAsync(request, Peer, CancellationToken.None));
    }

    /// <summary>Delivers a new request from the peer; returns it and the server transaction the TU was given.</summary>
    public async Task<(SipRequest Request, SipServerTransaction Transaction)> ReceiveAsync(SipMethod method)
    {
        var request = IncomingRequest(method);
        await DeliverAsync(request);
        return (request, Handler.Requests[^1].Transaction);
    }

    /// <summary>A request as the peer would send it, with the given branch (a fresh one when null).</summary>
    public SipRequest IncomingRequest(SipMethod method, string? branch = null, string sentBy = "192.0.2.10", int port = 5070)
    {
        var via = SipVia.Create(Protocol == SipTransportProtocol.Tcp ? "TCP" : "UDP", sentBy, port, branch ?? SipIds.NewBranch(), requestRPort: true);
        return SipRequestBuilder.Create(method, SipUri.Parse("sip:alice@192.0.2.1"), via,
            SipNameAddress.Parse("<sip:bob@192.0.2.10>;tag=peer1"), SipNameAddress.Parse("<sip:alice@192.0.2.1>"),
            "call-" + (branch ?? "x") + "@192.0.2.10", _cseq++).Build();
    }

    /// <summary>The ACK (non-2xx) or CANCEL the peer sends for <paramref name="invite"/>: same branch, CSeq number.</summary>
    public static SipRequest SameTransaction(SipRequest invite, SipMethod method, SipNameAddress? to = null) =>
        SipRequestBuilder.Create(method, invite.RequestUri, invite.TopVia, invite.From, to ?? invite.To, invite.CallId, invite.CSeq.Number).Build();

    public static SipResponse Response(SipRequest request, int statusCode, string? toTag = "tag2") =>
        SipResponseBuilder.ForRequest(request, statusCode, toTag: statusCode == 100 ? null : toTag).Build();

    public ValueTask DeliverAsync(SipMessage message) =>
        Layer.HandleAsync(new SipInboundMessage(message, Peer, Local, Time.GetUtcNow()), CancellationToken.None);

    /// <summary>Times (in seconds) at which messages matching <paramref name="summary"/> (method or status code) went out.</summary>
    public double[] SendTimes(string summary) =>
        [.. Transport.Sent.Where(s => s.Summary == summary).Select(s => s.At.TotalSeconds)];

    public void Dispose() => _services.Dispose();
}
