using System.Net;
using ContactCenter.Sip.Syntax;
using ContactCenter.Sip.Transport;

namespace ContactCenter.TestKit.Sip;

/// <summary>
/// An in-memory SIP transport for the transaction and dialog tests: records what would go on the wire, where and when
/// (on the test's clock), and can be told to fail every send as an unreachable destination would.
/// </summary>
public sealed class FakeTransport(TimeProvider time, DateTimeOffset start) : ISipTransport
{
    private readonly Lock _gate = new();
    private readonly List<SentMessage> _sent = [];

    public static SipEndPoint LocalUdp { get; } = new(SipTransportProtocol.Udp, new IPEndPoint(IPAddress.Parse("192.0.2.1"), 5060));

    public static SipEndPoint LocalTcp { get; } = new(SipTransportProtocol.Tcp, new IPEndPoint(IPAddress.Parse("192.0.2.1"), 5060));

    public IReadOnlyList<SipEndPoint> LocalEndPoints { get; } = [LocalUdp, LocalTcp];

    /// <summary>When true, every send fails as an unreachable destination would.</summary>
    public bool Fail { get; set; }

    /// <summary>Everything sent so far, in order.</summary>
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

    /// <summary>The requests of <paramref name="method"/> sent so far, with where and when.</summary>
    public IReadOnlyList<SentMessage> SentRequests(SipMethod method) =>
        [.. Sent.Where(s => s.Message is SipRequest r && r.Method == method)];

    /// <summary>The responses with <paramref name="statusCode"/> sent so far, with where and when.</summary>
    public IReadOnlyList<SentMessage> SentResponses(int statusCode) =>
        [.. Sent.Where(s => s.Message is SipResponse r && r.StatusCode == statusCode)];

    /// <summary>The requests of <paramref name="method"/> sent so far.</summary>
    public IReadOnlyList<SipRequest> Requests(SipMethod method) => [.. SentRequests(method).Select(s => (SipRequest)s.Message)];

    /// <summary>The responses with <paramref name="statusCode"/> sent so far.</summary>
    public IReadOnlyList<SipResponse> Responses(int statusCode) => [.. SentResponses(statusCode).Select(s => (SipResponse)s.Message)];

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
