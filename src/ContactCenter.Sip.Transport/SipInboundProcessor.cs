using System.Buffers;
using System.Text;
using ContactCenter.Sip.Syntax;
using ContactCenter.Sip.Syntax.Headers;
using ContactCenter.Sip.Syntax.Building;
using Microsoft.Extensions.Logging;

namespace ContactCenter.Sip.Transport;

/// <summary>
/// What both protocols do with received bytes: parse, trace, count, stamp the Via of requests, check the
/// Via of responses, queue for the handler, and make the answer to a malformed request.
/// </summary>
internal sealed class SipInboundProcessor
{
    private readonly SipParserLimits _limits;
    private readonly SipDispatcher _dispatcher;
    private readonly SipTransportMetrics _metrics;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly ILogger _trace;
    private readonly SourceLogLimiter _parseLogLimiter;
    private readonly SourceLogLimiter _dropLogLimiter;
    private readonly IReadOnlySet<string>? _ourHosts;

    public SipInboundProcessor(SipTransportOptions options, SipDispatcher dispatcher, SipTransportMetrics metrics, TimeProvider time,
        ILogger logger, ILogger trace, IReadOnlySet<string>? ourHosts)
    {
        _limits = options.ParserLimits;
        _dispatcher = dispatcher;
        _metrics = metrics;
        _time = time;
        _logger = logger;
        _trace = trace;
        _ourHosts = ourHosts;
        _parseLogLimiter = new SourceLogLimiter(time, options.ParseFailureLogInterval);
        _dropLogLimiter = new SourceLogLimiter(time, options.ParseFailureLogInterval);
    }

    /// <summary>
    /// Handles one datagram or one framed stream message. Returns the answer to send back to the source when
    /// it was a request that does not parse but whose Via, From, To, Call-ID and CSeq can be read.
    /// </summary>
    public SipResponse? Process(ReadOnlySpan<byte> data, SipEndPoint source, SipEndPoint local)
    {
        if (!SipParser.TryParse(data, _limits, out var message, out var error))
        {
            return OnParseFailure(data, error, source);
        }

        _metrics.MessageReceived(message, source.Protocol, data.Length);
        if (_trace.IsEnabled(LogLevel.Trace))
        {
            _trace.TraceReceived(data.Length, source, local, message.ToTraceString());
        }

        if (message is SipRequest request)
        {
            try
            {
                message = ViaStamping.Stamp(request, source.EndPoint);
            }
            catch (InvalidOperationException)
            {
                // The builder re-parses what it writes; a request it cannot rebuild is dropped like one that does not parse.
                _metrics.Dropped(source.Protocol, "via_stamp_failed");
                return null;
            }
        }
        else if (!ViaStamping.IsSentByUs(message.TopVia, _ourHosts))
        {
            // RFC 3261 §18.1.2: a response whose top Via is not ours is silently discarded.
            _metrics.Dropped(source.Protocol, "via_not_ours");
            _logger.ResponseNotOurs(((SipResponse)message).StatusCode, message.CallId, source, message.TopVia.Host);
            return null;
        }
        else if (MalformedResponse(message) is { } why)
        {
            // The parser judges only requests strictly (so that our 400 can copy a bad header); a response breaking
            // RFC 3261's rules is discarded here - a response is never answered.
            _metrics.Dropped(source.Protocol, "malformed_response");
            _logger.ResponseMalformed(((SipResponse)message).StatusCode, message.CallId, source, why);
            return null;
        }

        if (!_dispatcher.TryEnqueue(new SipInboundMessage(message, source, local, _time.GetUtcNow())))
        {
            _metrics.Dropped(source.Protocol, "queue_full");
            if (_dropLogLimiter.TryAcquire(source.EndPoint.Address, out var suppressed))
            {
                _logger.DispatchQueueFull(message.ToString() ?? string.Empty, message.CallId, source, suppressed);
            }
        }

        return null;
    }

    // RFC 3261 §8.1.1.7 (a Via says SIP/2.0/<transport>) and §19.3 (From and To carry one tag at most).
    private static string? MalformedResponse(SipMessage response)
    {
        if (!string.Equals(response.TopVia.ProtocolName, "SIP", StringComparison.OrdinalIgnoreCase) || response.TopVia.ProtocolVersion != "2.0")
        {
            return "Bad Via Protocol";
        }

        return TagCount(response.To) > 1 ? "Bad To" : TagCount(response.From) > 1 ? "Bad From" : null;
    }

    private static int TagCount(SipNameAddress address)
    {
        var tags = 0;
        foreach (var parameter in address.Parameters)
        {
            tags += string.Equals(parameter.Name, "tag", StringComparison.OrdinalIgnoreCase) ? 1 : 0;
        }

        return tags;
    }

    /// <summary>Handles one framed stream message.</summary>
    public SipResponse? Process(in ReadOnlySequence<byte> data, SipEndPoint source, SipEndPoint local)
    {
        if (data.IsSingleSegment)
        {
            return Process(data.FirstSpan, source, local);
        }

        var length = (int)data.Length;
        var rented = ArrayPool<byte>.Shared.Rent(length);
        try
        {
            data.CopyTo(rented);
            return Process(rented.AsSpan(0, length), source, local);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }

    /// <summary>
    /// A stream that cannot be framed (RFC 3261 §18.3: no Content-Length, or too big). Counts it and, when the
    /// buffered bytes hold a request's header section, makes a 513 (too big) or 400 answer for it.
    /// </summary>
    public SipResponse? OnFramingFailure(in ReadOnlySequence<byte> buffered, SipEndPoint source)
    {
        var length = (int)Math.Min(buffered.Length, SipParserLimits.DefaultMaxMessageBytes);
        var rented = ArrayPool<byte>.Shared.Rent(length);
        try
        {
            buffered.Slice(0, length).CopyTo(rented);
            var data = rented.AsSpan(0, length);
            var headEnd = data.IndexOf("\r\n\r\n"u8);
            var tooLarge = headEnd < 0 || HasContentLength(data[..headEnd]);
            var error = new SipParseError(
                tooLarge ? SipParseErrorKind.MessageTooLarge : SipParseErrorKind.BadHeaderValue,
                0,
                tooLarge ? "Message Too Large" : "Missing Content-Length",
                tooLarge ? SipHeaderKind.Unknown : SipHeaderKind.ContentLength,
                SipCoreHeaders.All,
                LooksLikeRequest(data));
            return OnFailure(data, error, source, "framing");
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }

    private SipResponse? OnParseFailure(ReadOnlySpan<byte> data, SipParseError error, SipEndPoint source)
    {
        if (error.Kind == SipParseErrorKind.Empty)
        {
            // Bare CRLFs in a datagram: a keep-alive (RFC 5626 §4.4.1 allows it on UDP too), not an error.
            _metrics.BytesReceived(source.Protocol, data.Length);
            return null;
        }

        if (error.Kind == SipParseErrorKind.MessageTooLarge && !error.IsRequest)
        {
            // The parser checks the size before it reads the start line, so its error never says "request"
            // and could not be answered; TryCreateForMalformedRequest re-checks the core headers itself.
            error = error with { IsRequest = LooksLikeRequest(data), ReadableHeaders = SipCoreHeaders.All };
        }

        return OnFailure(data, error, source, error.Kind.ToString());
    }

    private SipResponse? OnFailure(ReadOnlySpan<byte> data, SipParseError error, SipEndPoint source, string reason)
    {
        _metrics.ParseFailed(source.Protocol, reason);
        _metrics.BytesReceived(source.Protocol, data.Length);
        SipResponse? answer = null;
        if (error.CanRespond && SipResponseBuilder.TryCreateForMalformedRequest(data, error, SipIds.NewTag(), out var response))
        {
            answer = response;
        }

        if (_parseLogLimiter.TryAcquire(source.EndPoint.Address, out var suppressed))
        {
            _logger.ParseFailed(source.Protocol, source, error, answer?.StatusCode ?? 0, suppressed);
        }

        return answer;
    }

    private static bool LooksLikeRequest(ReadOnlySpan<byte> data)
    {
        var start = data.IndexOfAnyExcept("\r\n"u8);
        return start >= 0 && !Ascii.EqualsIgnoreCase(data[start..Math.Min(data.Length, start + 4)], "SIP/"u8);
    }

    private static bool HasContentLength(ReadOnlySpan<byte> head)
    {
        foreach (var range in head.Split((byte)'\n'))
        {
            var line = head[range];
            var colon = line.IndexOf((byte)':');
            if (colon > 0 && line[0] is not ((byte)' ' or (byte)'\t'))
            {
                var name = line[..colon].Trim(" \t"u8);
                if (Ascii.EqualsIgnoreCase(name, "Content-Length"u8) || Ascii.EqualsIgnoreCase(name, "l"u8))
                {
                    return true;
                }
            }
        }

        return false;
    }
}
