using System.Net;
using ContactCenter.Sip.Syntax;
using ContactCenter.Sip.Transport;

namespace ContactCenter.Sip.UserAgents.Tests.Dialogs;

/// <summary>An in-memory transport that records what would go on the wire, where, and when.</summary>
internal sealed class FakeTransport(TimeProvider time, DateTimeOffset start) : ISipTransport
{
    private readonly Lock _gate = new();
    private readonly List<SentMessage> _sent = [];

    public static SipEndPoint LocalUdp { get; } = new(SipTransportProtocol.Udp, new IPEndPoint(IPAddress.Parse("192.0.2.1"), 5060));

    public static SipEndPoint LocalTcp { get; } = new(SipTransportProtocol.Tcp, new IPEndPoint(IPAddress.Parse("192.0.2.1"), 5060));

    public IReadOnlyList<SipEndPoint> LocalEndPoints { get; } = [LocalUdp, LocalTcp];

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

    public IReadOnlyList<SipRequest> SentRequests(SipMethod method) =>
        [.. Sent.Select(s => s.Message).OfType<SipRequest>().Where(r => r.Method == method)];

    public IReadOnlyList<SipResponse> SentResponses(int statusCode) =>
        [.. Sent.Select(s => s.Message).OfType<SipResponse>().Where(r => r.StatusCode == statusCode)];

    public SipEndPoint GetLocalEndPoint(SipTransportProtocol protocol) => protocol == SipTransportProtocol.Tcp ? LocalTcp : LocalUdp;

    public ValueTask<bool> SendAsync(SipMessage message, SipEndPoint destination, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            _sent.Add(new SentMessage(message, destination, time.GetUtcNow() - start));
            return ValueTask.FromResult(true);
        }
    }
}
