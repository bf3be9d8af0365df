using System.Buffers;
using System.Text;
using BenchmarkDotNet.Attributes;
using ContactCenter.Sip.Syntax;
using ContactCenter.Sip.Syntax.Building;

namespace ContactCenter.Benchmarks.Sip;

/// <summary>Parser and writer throughput on typical contact-center traffic.</summary>
[MemoryDiagnoser]
public class SipParserBenchmarks
{
    private const string Sdp =
        "v=0\r\no=- 3724394400 3724394400 IN IP4 198.51.100.20\r\ns=-\r\nc=IN IP4 198.51.100.20\r\nt=0 0\r\n" +
        "m=audio 16384 RTP/AVP 0 8 101\r\na=rtpmap:0 PCMU/8000\r\na=rtpmap:8 PCMA/8000\r\n" +
        "a=rtpmap:101 telephone-event/8000\r\na=fmtp:101 0-15\r\na=ptime:20\r\na=sendrecv\r\n";

    private static readonly string InviteHead =
        "INVITE sip:+4930123456@cc.example.net;user=phone SIP/2.0\r\n" +
        "Via: SIP/2.0/UDP 198.51.100.20:5060;branch=z9hG4bK-524287-1---a8f3c0e1d2b4;rport\r\n" +
        "Max-Forwards: 69\r\n" +
        "From: \"+4917012345678\" <sip:+4917012345678@carrier.example.com;user=phone>;tag=as6f1b2c3d\r\n" +
        "To: <sip:+4930123456@cc.example.net;user=phone>\r\n" +
        "Call-ID: 7d3f9a0b5c2e41d8a6f7@198.51.100.20\r\n" +
        "CSeq: 102 INVITE\r\n" +
        "Contact: <sip:+4917012345678@198.51.100.20:5060;transport=udp>\r\n" +
        "Record-Route: <sip:198.51.100.1;lr;ftag=as6f1b2c3d>\r\n" +
        "Allow: INVITE, ACK, CANCEL, OPTIONS, BYE, REFER, NOTIFY, INFO, UPDATE\r\n" +
        "Supported: replaces, timer, 100rel\r\n" +
        "Session-Expires: 1800;refresher=uac\r\n" +
        "Content-Type: application/sdp\r\n";

    private static readonly byte[] InviteBytes = Encoding.ASCII.GetBytes(InviteHead + $"Content-Length: {Sdp.Length}\r\n\r\n" + Sdp);

    private static readonly byte[] RegisterBytes = Encoding.ASCII.GetBytes(
        "REGISTER sip:cc.example.net SIP/2.0\r\n" +
        "Via: SIP/2.0/TCP 10.20.0.31:49152;branch=z9hG4bKregister8812;rport\r\n" +
        "Max-Forwards: 70\r\n" +
        "From: <sip:agent2041@cc.example.net>;tag=9f8e7d6c\r\n" +
        "To: <sip:agent2041@cc.example.net>\r\n" +
        "Call-ID: reg-3c1d2e4f5a6b@10.20.0.31\r\n" +
        "CSeq: 17 REGISTER\r\n" +
        "Contact: <sip:agent2041@10.20.0.31:49152;transport=tcp>;expires=300;+sip.instance=\"<urn:uuid:0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0>\"\r\n" +
        "Expires: 300\r\n" +
        "Authorization: Digest username=\"agent2041\", realm=\"cc.example.net\", nonce=\"5f2b8c1d9e0a7b6c\", uri=\"sip:cc.example.net\", response=\"b7e3a1c9d0f24e6a8b5c7d9e1f3a5b7c\", algorithm=MD5, cnonce=\"1a2b3c4d\", qop=auth, nc=00000001\r\n" +
        "User-Agent: AgentDesk/3.4\r\n" +
        "Content-Length: 0\r\n\r\n");

    private static readonly byte[] OkBytes = Encoding.ASCII.GetBytes(
        "SIP/2.0 200 OK\r\n" +
        "Via: SIP/2.0/UDP 198.51.100.20:5060;branch=z9hG4bK-524287-1---a8f3c0e1d2b4;rport=5060;received=198.51.100.20\r\n" +
        "Record-Route: <sip:198.51.100.1;lr;ftag=as6f1b2c3d>\r\n" +
        "From: \"+4917012345678\" <sip:+4917012345678@carrier.example.com;user=phone>;tag=as6f1b2c3d\r\n" +
        "To: <sip:+4930123456@cc.example.net;user=phone>;tag=cc-8d7e6f\r\n" +
        "Call-ID: 7d3f9a0b5c2e41d8a6f7@198.51.100.20\r\n" +
        "CSeq: 102 INVITE\r\n" +
        "Contact: <sip:+4930123456@203.0.113.5:5060>\r\n" +
        "Content-Type: application/sdp\r\n" +
        $"Content-Length: {Sdp.Length}\r\n\r\n" + Sdp);

    private readonly ArrayBufferWriter<byte> _writer = new(4096);
    private SipRequest _invite = null!;

    [GlobalSetup]
    public void Setup() => _invite = (SipRequest)SipParser.Parse(InviteBytes);

    [Benchmark]
    public SipMessage? ParseInvite() => Parse(InviteBytes);

    [Benchmark]
    public SipMessage? ParseRegister() => Parse(RegisterBytes);

    [Benchmark]
    public SipMessage? Parse200Ok() => Parse(OkBytes);

    [Benchmark]
    public string ParseInviteAndReadTransactionKey()
    {
        var message = Parse(InviteBytes)!;
        return message.TopVia.Branch! + message.CSeq.Number + message.CallId + message.From.Tag;
    }

    [Benchmark]
    public int WriteInvite()
    {
        _writer.ResetWrittenCount();
        _invite.TryWrite(_writer);
        return _writer.WrittenCount;
    }

    [Benchmark]
    public SipResponse BuildRingingForInvite() => SipResponseBuilder.ForRequest(_invite, 180, toTag: "cc-8d7e6f").Build();

    private static SipMessage? Parse(byte[] bytes) =>
        SipParser.TryParse(bytes, SipParserLimits.Default, out var message, out _) ? message : null;
}
