using System.Diagnostics.Metrics;
using System.Globalization;
using System.Net;
using System.Text;
using ContactCenter.Sip.Syntax;
using ContactCenter.Sip.Syntax.Building;
using ContactCenter.Sip.Syntax.Headers;
using ContactCenter.Sip.Transactions;
using ContactCenter.Sip.Transport;
using ContactCenter.Sip.UserAgents.Core;
using ContactCenter.Sip.UserAgents.Dialogs;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace ContactCenter.Sip.UserAgents.Tests.Dialogs;

/// <summary>
/// The real transaction layer, user-agent core and dialog manager over a fake transport and clock; the peer is
/// 192.0.2.10:5070 over UDP, we are 192.0.2.1:5060.
/// </summary>
internal sealed class DialogTestStack : IDisposable
{
    public const string PeerTag = "peer-tag-1";

    private static readonly DateTimeOffset Start = new(2026, 1, 1, 9, 0, 0, TimeSpan.Zero);
    private readonly ServiceProvider _services;
    private readonly RegistrarHarness _registrar = new();

    public DialogTestStack(bool withSessions = true, bool withDialogs = true)
    {
        Time = new FakeTimeProvider(Start);
        Transport = new FakeTransport(Time, Start);
        _services = new ServiceCollection().AddMetrics().BuildServiceProvider();
        var meters = _services.GetRequiredService<IMeterFactory>();
        var forward = new ForwardingRequestHandler();
        var timers = Options.Create(new SipTimerOptions());
        Layer = new SipTransactionLayer(Transport, forward, timers, Time, NullLogger<SipTransactionLayer>.Instance, new SipTransactionsMetrics(meters));
        Dialogs = new DialogManager(Layer, Transport, timers, Time, NullLogger<DialogManager>.Instance, new DialogMetrics(meters));
        Core = new UserAgentCore(_registrar.Registrar, Options.Create(new UserAgentCoreOptions()), NullLogger<UserAgentCore>.Instance,
            withSessions ? Sessions : null, withDialogs ? Dialogs : null);
        forward.Target = Core;
    }

    public FakeTimeProvider Time { get; }

    public FakeTransport Transport { get; }

    public SipTransactionLayer Layer { get; }

    public DialogManager Dialogs { get; }

    public UserAgentCore Core { get; }

    public RecordingSessions Sessions { get; } = new();

    public static SipEndPoint Peer { get; } = new(SipTransportProtocol.Udp, new IPEndPoint(IPAddress.Parse("192.0.2.10"), 5070));

    public static SipNameAddress LocalContact { get; } = SipNameAddress.Parse("<sip:7000@192.0.2.1:5060>");

    public static string PeerContact => "<sip:caller@192.0.2.10:5070>";

    public TimeSpan Elapsed => Time.GetUtcNow() - Start;

    public void Advance(TimeSpan total) => Time.AdvanceInSteps(total);

    /// <summary>A request as the peer writes it; <paramref name="extra"/> lines go after CSeq.</summary>
    public static SipRequest PeerRequest(string method, uint cseq, string callId, string? toTag, params string[] extra) =>
        PeerRequestWithBody(method, cseq, callId, toTag, null, extra);

    /// <summary>As <see cref="PeerRequest"/>, with an SDP body when <paramref name="sdp"/> is given (and our Contact for a target refresh).</summary>
    public static SipRequest PeerRequestWithBody(string method, uint cseq, string callId, string? toTag, string? sdp, params string[] extra)
    {
        var sb = new StringBuilder()
            .Append(method).Append(" sip:7000@192.0.2.1:5060 SIP/2.0\r\n")
            .Append("Via: SIP/2.0/UDP 192.0.2.10:5070;branch=").Append(SipIds.NewBranch()).Append(";rport\r\n")
            .Append("Max-Forwards: 70\r\n")
            .Append("From: \"Caller\" <sip:caller@192.0.2.10>;tag=").Append(PeerTag).Append("\r\n")
            .Append("To: <sip:7000@192.0.2.1>").Append(toTag is null ? "" : ";tag=" + toTag).Append("\r\n")
            .Append("Call-ID: ").Append(callId).Append("\r\n")
            .Append("CSeq: ").Append(cseq.ToString(CultureInfo.InvariantCulture)).Append(' ').Append(method).Append("\r\n");
        foreach (var line in extra)
        {
            sb.Append(line).Append("\r\n");
        }

        if (sdp is null)
        {
            return SipParser.ParseRequest(sb.Append("Content-Length: 0\r\n\r\n").ToString());
        }

        return SipParser.ParseRequest(sb.Append("Content-Type: application/sdp\r\nContent-Length: ")
            .Append(Encoding.ASCII.GetByteCount(sdp).ToString(CultureInfo.InvariantCulture)).Append("\r\n\r\n").Append(sdp).ToString());
    }

    public ValueTask DeliverAsync(SipMessage message) =>
        Layer.HandleAsync(new SipInboundMessage(message, Peer, FakeTransport.LocalUdp, Time.GetUtcNow()), CancellationToken.None);

    /// <summary>The peer calls us; we make the UAS dialog and answer 200. Returns the dialog and the INVITE.</summary>
    public async Task<(SipDialog Dialog, SipRequest Invite)> AnswerPeerInviteAsync(IDialogRequestHandler? handler = null, params string[] extra)
    {
        var invite = PeerRequest("INVITE", 10, "uas-" + SipIds.NewTag() + "@192.0.2.10", null, ["Contact: " + PeerContact, .. extra]);
        await DeliverAsync(invite);
        var transaction = Sessions.Invites[^1].Transaction;
        var dialog = Dialogs.CreateUasDialog(transaction, LocalContact, handler);
        Assert.True(await Dialogs.SendResponseAsync(dialog, transaction, dialog.CreateResponse(invite, SipStatusCodes.OK), CancellationToken.None));
        return (dialog, invite);
    }

    /// <summary>The peer's ACK for our 2xx to <paramref name="invite"/> (new branch, CSeq of the INVITE).</summary>
    public static SipRequest PeerAck(SipDialog dialog, SipRequest invite) =>
        PeerRequest("ACK", invite.CSeq.Number, invite.CallId, dialog.Id.LocalTag);

    /// <summary>Our INVITE to the peer as the call engine would build it.</summary>
    public static SipRequest OurInvite() =>
        SipRequestBuilder.Create(SipMethod.Invite, SipUri.Parse("sip:caller@192.0.2.10:5070"),
                SipVia.Create("UDP", "192.0.2.1", 5060, SipIds.NewBranch(), requestRPort: true),
                SipNameAddress.Parse("<sip:7000@192.0.2.1>;tag=" + SipIds.NewTag()), SipNameAddress.Parse("<sip:caller@192.0.2.10>"),
                SipIds.NewCallId("192.0.2.1"), 41)
            .AddContact(LocalContact)
            .AddHeader("Proxy-Authorization", "Digest username=\"7000\", realm=\"r\", nonce=\"n\", uri=\"sip:caller@192.0.2.10\", response=\"00\"")
            .Build();

    /// <summary>The peer's response to <paramref name="request"/> with its tag, Contact and the given Record-Route lines.</summary>
    public static SipResponse PeerResponse(SipRequest request, int statusCode, string contact, params string[] recordRoutes)
    {
        var builder = SipResponseBuilder.ForRequest(request, statusCode, toTag: PeerTag).AddContact(SipNameAddress.Parse(contact));
        foreach (var rr in recordRoutes)
        {
            builder.AddHeader(SipHeaderKind.RecordRoute, rr);
        }

        return builder.Build();
    }

    /// <summary>We call the peer; it answers 200 (with <paramref name="recordRoutes"/>) and we ACK. Returns the dialog.</summary>
    public async Task<(SipDialog Dialog, SipRequest Invite, SipResponse Ok, ClientInviteTransaction Transaction)> CallPeerAsync(
        params string[] recordRoutes)
    {
        var invite = OurInvite();
        var transaction = await Layer.SendInviteAsync(invite, Peer, CancellationToken.None);
        var ok = PeerResponse(invite, SipStatusCodes.OK, PeerContact, recordRoutes);
        await DeliverAsync(ok);
        var dialog = Dialogs.OnInviteResponse(transaction, ok) ?? throw new InvalidOperationException("No dialog from a 2xx.");
        await Dialogs.AcknowledgeAsync(dialog, ok, null, CancellationToken.None);
        return (dialog, invite, ok, transaction);
    }

    /// <summary>Times (in seconds) at which messages matching <paramref name="summary"/> (method or status code) went out.</summary>
    public double[] SendTimes(string summary) =>
        [.. Transport.Sent.Where(s => s.Summary == summary).Select(s => s.At.TotalSeconds)];

    public void Dispose()
    {
        _registrar.Dispose();
        _services.Dispose();
    }
}
