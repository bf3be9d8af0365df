using System.Net;
using ContactCenter.Sip.Syntax;
using ContactCenter.Sip.Transport;

namespace ContactCenter.Sip.Transactions.Tests;

/// <summary>An in-memory transport that records what would go on the wire, and when.</summary>
internal sealed class FakeTransport(TimeProvider time, DateTimeOffset start) : ISipTransport
{
    private readonly Lock _gate = new();
    private readonly List<SentMessage> _sent = [];

    public static SipEndPoint LocalUdp { get; } = new(SipTransportProtocol.Udp, new IPEndPoint(IPAddress.Parse("192.0.2.1"), 5060));

    public static SipEndPoint LocalTcp { get; } = new(SipTransportProtocol.Tcp, new IPEndPoint(IPAddress.Parse("192.0.2.1"), 5060));

    public IReadOnlyList<SipEndPoint> LocalEndPoints { get; } = [LocalUdp, LocalTcp];

    /// <summary>When true, every send fails as an unreachable destination would.</summary>
    public bool Fail { get; set; }

    public IReadOnlyList<SentMessage> Sent
    {
        get
        {
            lock (_gate)
            {
                return [.. _sent];
            }
        }
    }

    public IReadOnlyList<SentMessage> SentRequests(SipMethod method) =>
        [.. Sent.Where(s => s.Message is SipRequest r && r.Method == method)];

    public IReadOnlyList<SentMessage> SentResponses(int statusCode) =>
        [.. Sent.Where(s => s.Message is SipResponse r && r.StatusCode == statusCode)];

    public SipEndPoint GetLocalEndPoint(SipTransportProtocol protocol) => protocol == SipTransportProtocol.Tcp ? LocalTcp : LocalUdp;

    public ValueTask<bool> SendAsync(SipMessage message, SipEndPoint destination, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (Fail)
            {
                return ValueTask.FromResult(false);
            }

            _sent.Add(new SentMessage(message, destination, time.GetUtcNow() - start));
            return ValueTask.FromResult(true);
        }
    }
}

/// <summary>One message handed to the fake transport.</summary>
internal sealed record SentMessage(SipMessage Message, SipEndPoint Destination, TimeSpan At)
{
    public string Summary => Message is SipResponse r ? r.StatusCode.ToString(System.Globalization.CultureInfo.InvariantCulture) : ((SipRequest)Message).Method.Name;
}
