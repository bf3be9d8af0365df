using System.Buffers;
using ContactCenter.Sip.Syntax;
using ContactCenter.Sip.Syntax.Building;
using ContactCenter.Sip.Syntax.Framing;
using ContactCenter.Sip.Syntax.Headers;

namespace FuzzTargets;

/// <summary>SIP targets: whole messages (datagram and stream), URIs, name-addr (From/To/Contact), Via, digest headers.</summary>
internal static class SipTargets
{
    private static readonly SipParserLimits Limits = SipParserLimits.Default;

    private static readonly SipHeaderKind[] AuthKinds =
        [SipHeaderKind.Authorization, SipHeaderKind.ProxyAuthorization, SipHeaderKind.WwwAuthenticate, SipHeaderKind.ProxyAuthenticate];

    private static readonly SipHeaderKind[] TokenKinds = [SipHeaderKind.Supported, SipHeaderKind.Require, SipHeaderKind.Allow];

    /// <summary>A datagram as the UDP transport hands it over, then everything the stack reads of a parsed message.</summary>
    public static void Message(ReadOnlySpan<byte> input)
    {
        if (!SipParser.TryParse(input, Limits, out var message, out var error))
        {
            // The server answers a malformed request when its core headers are readable (400/505/513).
            _ = SipResponseBuilder.TryCreateForMalformedRequest(input, error, "fuzz", out _);
            return;
        }

        Touch(message);
        var written = new ArrayBufferWriter<byte>();
        FuzzInvariantException.Check(message.TryWrite(written), "a parsed message could not be written");
        FuzzInvariantException.Check(SipParser.TryParse(written.WrittenSpan, Limits, out var again, out _), "a written message did not parse again");
        FuzzInvariantException.Check(again.Headers.Count == message.Headers.Count, "a written message lost or gained headers");
        if (message is SipRequest request)
        {
            // The answer RFC 3261 §8.2.6 asks for: every Via copied, in order.
            var response = SipResponseBuilder.ForRequest(request, 400, "Bad Request", "fuzz").Build();
            FuzzInvariantException.Check(response.Vias.Count == request.Vias.Count, "the response did not copy every Via");
        }
    }

    /// <summary>A TCP/TLS byte stream: framed by Content-Length, every complete message parsed.</summary>
    public static void Stream(ReadOnlySpan<byte> input)
    {
        var framer = new SipStreamFramer(Limits);
        var reader = new SequenceReader<byte>(new ReadOnlySequence<byte>(input.ToArray()));
        for (int i = 0; i < 64; i++)
        {
            var before = reader.Consumed;
            var result = framer.TryReadMessage(ref reader, out var frame);
            if (result is SipFrameResult.Incomplete or SipFrameResult.Malformed)
            {
                return;
            }

            FuzzInvariantException.Check(reader.Consumed > before, "the framer took a frame without consuming bytes");
            if (result == SipFrameResult.Complete && SipParser.TryParse(frame, Limits, out var message, out _))
            {
                Touch(message);
            }
        }
    }

    public static void Uri(ReadOnlySpan<byte> input)
    {
        if (!SipUriParser.TryParse(input, out var uri))
        {
            return;
        }

        _ = (uri.User, uri.Host, uri.Port, uri.Transport, uri.Ttl, uri.IsLooseRouter, uri.MAddr);
        FuzzInvariantException.Check(SipUri.TryParse(uri.ToString(), out var again), "a URI did not parse again");
        FuzzInvariantException.Check(uri.IsEquivalentTo(again), "a URI is not equivalent to itself written and read");
        if (uri.Scheme != SipUriScheme.Other)
        {
            // What a proxy or the B2BUA does to a URI it routes on (unknown schemes are opaque: documented to throw).
            var changed = uri.WithoutHeaders().WithParameter("lr", null).WithoutParameter("transport");
            FuzzInvariantException.Check(changed.Host == uri.Host && changed.User == uri.User && changed.IsLooseRouter, "changing a URI's parameters changed its user or host");
        }
    }

    public static void NameAddress(ReadOnlySpan<byte> input)
    {
        if (!NameAddrParser.TryParse(input, out var address))
        {
            return;
        }

        _ = (address.DisplayName, address.Tag, address.Expires, address.Q);
        FuzzInvariantException.Check(NameAddrParser.TryParse(System.Text.Encoding.UTF8.GetBytes(address.ToString()), out var again), "a name-addr did not parse again");
        FuzzInvariantException.Check(again.Uri.IsEquivalentTo(address.Uri) && again.Tag == address.Tag, "a name-addr changed when written and read");
        _ = address.WithTag("fuzz").ToString();
    }

    public static void Via(ReadOnlySpan<byte> input)
    {
        if (!ViaParser.TryParse(input, out var via))
        {
            return;
        }

        _ = (via.Branch, via.HasRfc3261Branch, via.Received, via.RPort, via.Ttl, via.MAddr, via.Port);
        FuzzInvariantException.Check(ViaParser.TryParse(System.Text.Encoding.UTF8.GetBytes(via.ToString()), out var again), "a Via did not parse again");
        FuzzInvariantException.Check(again.Branch == via.Branch && again.Host == via.Host && again.Transport == via.Transport, "a Via changed when written and read");
        _ = via.WithReceived("127.0.0.1", 5060).ToString();
    }

    public static void Digest(ReadOnlySpan<byte> input)
    {
        if (!AuthHeaderParser.TryParse(input, out var header))
        {
            return;
        }

        foreach (var name in (string[])["username", "realm", "nonce", "uri", "response", "qop", "nc", "cnonce", "opaque", "algorithm"])
        {
            _ = header.TryGet(name, out _);
        }

        _ = header.ToString();
        FuzzInvariantException.Check(AuthHeaderParser.TryParse(System.Text.Encoding.UTF8.GetBytes(header.ToHeaderValue()), out var again), "a digest header did not parse again");
        FuzzInvariantException.Check(again.Parameters.Count == header.Parameters.Count, "a digest header changed when written and read");
    }

    /// <summary>Reads every parsed view a validated message offers; none may throw.</summary>
    private static void Touch(SipMessage message)
    {
        _ = (message.CallId, message.CSeq, message.MaxForwards, message.ContentLength, message.IsContactWildcard);
        _ = (message.Vias.Count, message.From.Tag, message.To.Tag, message.Contacts.Count, message.Routes.Count, message.RecordRoutes.Count);
        _ = message.TryGetContentType(out _) && message.TryGetExpires(out _) && message.TryGetMinSE(out _) && message.TryGetMinExpires(out _);
        _ = message.TryGetEvent(out _) && message.TryGetReferTo(out _) && message.TryGetReplaces(out _) && message.TryGetSessionExpires(out _);
        _ = message.TryGetPAssertedIdentities(out _);
        foreach (var kind in AuthKinds)
        {
            _ = message.TryGetAuthHeaders(kind, out _);
        }

        foreach (var kind in TokenKinds)
        {
            _ = message.TryGetTokens(kind, out _);
        }

        _ = message.ToTraceString();
        if (message is SipRequest request)
        {
            _ = (request.Method, request.RequestUri.Host);
        }
    }
}
