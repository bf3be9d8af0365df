using System.Diagnostics.CodeAnalysis;

namespace ContactCenter.Sip.Syntax;

/// <summary>
/// One pass over a message: start line, header lines (folding, limits), Content-Length, then an
/// exact-size copy and the core header checks of <see cref="CoreHeaderValidator"/>.
/// </summary>
internal ref struct MessageReader
{
    private readonly ReadOnlySpan<byte> _data;
    private readonly byte[]? _owned;
    private readonly int _start;
    private readonly SipParserLimits _limits;
    private readonly HeaderEntry[] _entries;
    private int _count;
    private bool _isRequest;

    public MessageReader(ReadOnlySpan<byte> data, byte[]? owned, int start, in SipParserLimits limits, HeaderEntry[] entries)
    {
        _data = data;
        _owned = owned;
        _start = start;
        _limits = limits;
        _entries = entries;
    }

    public bool TryRead([NotNullWhen(true)] out SipMessage? message, out SipParseError error)
    {
        message = null;
        if (!TryReadLine(_start, out var lineEnd, out var next, out error))
        {
            return false;
        }

        var startLine = new StartLine();
        if (!TryReadStartLine(_data[_start..lineEnd], ref startLine, out error))
        {
            return false;
        }

        // A bad Request-URI or version is answerable: keep reading so the error says whether the core headers are usable.
        var deferred = error;
        if (!TryReadHeaders(next, out var bodyStart, out error) || !TryReadBodyLength(bodyStart, out var bodyLength, out error))
        {
            if (startLine.IsRequest && error.Kind is SipParseErrorKind.BadHeaderLine or SipParseErrorKind.TooManyHeaders or SipParseErrorKind.LineTooLong)
            {
                // A request with a broken header line is still answerable (400 naming the fault) when the
                // core headers before it were readable (RFC 3261 §8.2, §21.4.1).
                error = error with { ReadableHeaders = ReadableCoreHeaders(startLine) };
            }

            return false;
        }

        var end = bodyStart + bodyLength;
        var buffer = _owned is not null && _start == 0 && end == _owned.Length ? _owned : _data[_start..end].ToArray();
        var entries = new HeaderEntry[_count];
        for (var i = 0; i < entries.Length; i++)
        {
            entries[i] = Relocate(buffer, _entries[i]);
        }

        var validator = new CoreHeaderValidator(buffer, entries, _limits);
        var method = startLine.IsRequest ? buffer.AsSpan(Shift(startLine.Method)) : default;
        if (!validator.Validate(method, out var kind, out var reason, out var header, out var offset) || deferred.Kind != SipParseErrorKind.None)
        {
            error = deferred.Kind != SipParseErrorKind.None
                ? deferred with { ReadableHeaders = validator.Readable }
                : new SipParseError(kind, offset + _start, reason, header, validator.Readable, _isRequest);
            return false;
        }

        var body = new Range(bodyStart - _start, buffer.Length);
        message = startLine.IsRequest
            ? new SipRequest(buffer, entries, body, SipMethod.FromToken(method), Shift(startLine.Uri))
            : new SipResponse(buffer, entries, body, startLine.StatusCode, Shift(startLine.Reason));
        error = default;
        return true;
    }

    private readonly SipCoreHeaders ReadableCoreHeaders(StartLine startLine)
    {
        var buffer = _data[_start..].ToArray();
        var entries = new HeaderEntry[_count];
        for (var i = 0; i < entries.Length; i++)
        {
            entries[i] = Relocate(buffer, _entries[i]);
        }

        var validator = new CoreHeaderValidator(buffer, entries, _limits);
        validator.Validate(buffer.AsSpan(Shift(startLine.Method)), out _, out _, out _, out _);
        return validator.Readable;
    }

    private readonly Range Shift(Range range) => new(range.Start.Value - _start, range.End.Value - _start);

    private readonly HeaderEntry Relocate(byte[] buffer, HeaderEntry entry)
    {
        entry.NameStart -= _start;
        entry.ValueStart -= _start;
        if (entry.Folded)
        {
            // RFC 3261 §7.3.1: a folded line is equivalent to one SP; our own copy is changed, never the caller's bytes.
            var value = buffer.AsSpan(entry.ValueStart, entry.ValueLength);
            value.Replace(SipChars.Cr, SipChars.Space);
            value.Replace(SipChars.Lf, SipChars.Space);
            var lead = SipChars.SkipWhitespace(value, 0);
            entry.ValueStart += lead;
            entry.ValueLength = SipChars.TrimEnd(value[lead..]).Length;
        }

        return entry;
    }

    private bool TryReadLine(int pos, out int contentEnd, out int next, out SipParseError error)
    {
        var lf = _data[pos..].IndexOf(SipChars.Lf);
        if (lf < 0)
        {
            contentEnd = next = 0;
            error = Fail(_data.Length - pos > _limits.EffectiveMaxLineLength ? SipParseErrorKind.LineTooLong : SipParseErrorKind.Truncated,
                pos, "Header Section Not Terminated");
            return false;
        }

        next = pos + lf + 1;
        contentEnd = lf > 0 && _data[pos + lf - 1] == SipChars.Cr ? pos + lf - 1 : pos + lf;
        if (contentEnd - pos > _limits.EffectiveMaxLineLength)
        {
            error = Fail(SipParseErrorKind.LineTooLong, pos, "Line Too Long");
            return false;
        }

        error = default;
        return true;
    }

    private bool TryReadStartLine(ReadOnlySpan<byte> line, ref StartLine startLine, out SipParseError error)
    {
        error = default;
        if (line.Length >= 4 && SipChars.EqualsLower(line[..4], "sip/"u8))
        {
            return TryReadStatusLine(line, ref startLine, out error);
        }

        // Request-Line = Method SP Request-URI SP SIP-Version CRLF (RFC 3261 §7.1), single spaces only.
        var firstSpace = line.IndexOf(SipChars.Space);
        var lastSpace = line.LastIndexOf(SipChars.Space);
        if (firstSpace <= 0 || lastSpace == firstSpace || !SipChars.IsToken(line[..firstSpace]))
        {
            error = Fail(SipParseErrorKind.BadStartLine, _start, "Bad Request-Line");
            return false;
        }

        _isRequest = true;
        startLine.IsRequest = true;
        startLine.Method = new Range(_start, _start + firstSpace);
        startLine.Uri = new Range(_start + firstSpace + 1, _start + lastSpace);
        var version = line[(lastSpace + 1)..];
        var uri = line[(firstSpace + 1)..lastSpace];
        if (!SipChars.EqualsLower(version, "sip/2.0"u8))
        {
            var isVersion = version.Length > 4 && SipChars.EqualsLower(version[..4], "sip/"u8);
            error = Fail(isVersion ? SipParseErrorKind.VersionNotSupported : SipParseErrorKind.BadStartLine, _start + lastSpace + 1,
                isVersion ? "Version Not Supported" : "Bad Request-Line");
            return isVersion;
        }

        if (uri.IndexOfAny(SipChars.Whitespace) >= 0 || !SipUriParser.TryScan(uri, out _))
        {
            error = Fail(SipParseErrorKind.BadRequestUri, _start + firstSpace + 1, "Bad Request-URI");
        }

        return true;
    }

    private bool TryReadStatusLine(ReadOnlySpan<byte> line, ref StartLine startLine, out SipParseError error)
    {
        // Status-Line = SIP-Version SP Status-Code SP Reason-Phrase CRLF (RFC 3261 §7.2).
        error = default;
        if (line.Length < 8 || !SipChars.EqualsLower(line[..8], "sip/2.0 "u8))
        {
            var space = line.IndexOf(SipChars.Space);
            error = space > 4
                ? Fail(SipParseErrorKind.VersionNotSupported, _start, "Version Not Supported")
                : Fail(SipParseErrorKind.BadStartLine, _start, "Bad Status-Line");
            return false;
        }

        var rest = line[8..];
        if (rest.Length < 3 || !SipChars.TryParseInt(rest[..3], 699, out var code) || code < 100
            || (rest.Length > 3 && rest[3] != SipChars.Space))
        {
            error = Fail(SipParseErrorKind.BadStartLine, _start + 8, "Bad Status-Code");
            return false;
        }

        startLine.StatusCode = code;
        var reasonStart = _start + 8 + Math.Min(rest.Length, 4);
        startLine.Reason = new Range(reasonStart, _start + line.Length);
        return true;
    }

    private bool TryReadHeaders(int pos, out int bodyStart, out SipParseError error)
    {
        bodyStart = 0;
        while (true)
        {
            if (!TryReadLine(pos, out var contentEnd, out var next, out error))
            {
                return false;
            }

            if (contentEnd == pos)
            {
                bodyStart = next;
                return true;
            }

            var line = _data[pos..contentEnd];
            if (line.Contains(SipChars.Cr))
            {
                // A CR not ending the line (found by fuzzing inside a quoted display name) is no SIP text
                // (RFC 3261 §25.1); kept, it would make every answer copying the header fail to build.
                error = Fail(SipParseErrorKind.BadHeaderLine, pos, "Bare CR in Header Line");
                return false;
            }

            if (SipChars.IsWhitespace(line[0]))
            {
                if (_count == 0)
                {
                    error = Fail(SipParseErrorKind.BadHeaderLine, pos, "Continuation Line Without Header");
                    return false;
                }

                ref var previous = ref _entries[_count - 1];
                previous.Folded = true;
                previous.ValueLength = contentEnd - previous.ValueStart;
            }
            else if (!TryAddHeader(pos, line, out error))
            {
                return false;
            }

            pos = next;
        }
    }

    private bool TryAddHeader(int pos, ReadOnlySpan<byte> line, out SipParseError error)
    {
        // message-header = field-name *(SP / HTAB) ":" SWS field-value (RFC 3261 §7.3.1, HCOLON).
        error = default;
        if (_count >= _limits.EffectiveMaxHeaderCount || _count >= _entries.Length)
        {
            error = Fail(SipParseErrorKind.TooManyHeaders, pos, "Too Many Headers");
            return false;
        }

        // One scan finds the end of the name and checks that it is a token: the first byte that is not a
        // token character must be the colon, after optional whitespace (neither is a token character).
        var nameLength = line.IndexOfAnyExcept(SipChars.Token);
        var colon = nameLength < 0 ? line.Length : SipChars.SkipWhitespace(line, nameLength);
        if (nameLength is <= 0 or > ushort.MaxValue || colon >= line.Length || line[colon] != SipChars.Colon)
        {
            error = Fail(SipParseErrorKind.BadHeaderLine, pos, "Bad Header Line");
            return false;
        }

        var valueStart = SipChars.SkipWhitespace(line, colon + 1);
        _entries[_count++] = new HeaderEntry
        {
            Kind = SipHeaderNames.Lookup(line[..nameLength]),
            NameStart = pos,
            NameLength = (ushort)nameLength,
            ValueStart = pos + valueStart,
            ValueLength = SipChars.TrimEnd(line[valueStart..]).Length,
        };
        return true;
    }

    private bool TryReadBodyLength(int bodyStart, out int bodyLength, out SipParseError error)
    {
        error = default;
        var available = _data.Length - bodyStart;
        bodyLength = available;
        var seen = false;
        for (var i = 0; i < _count; i++)
        {
            var entry = _entries[i];
            if (entry.Kind != SipHeaderKind.ContentLength)
            {
                continue;
            }

            var value = _data.Slice(entry.ValueStart, entry.ValueLength).Trim(" \t\r\n"u8);
            if (seen)
            {
                error = Fail(SipParseErrorKind.DuplicateHeader, entry.NameStart, "Duplicate Content-Length", SipHeaderKind.ContentLength);
                return false;
            }

            seen = true;
            if (!SipChars.TryParseInt(value, int.MaxValue, out var length))
            {
                error = Fail(SipParseErrorKind.BadHeaderValue, entry.ValueStart, "Bad Content-Length", SipHeaderKind.ContentLength);
                return false;
            }

            if (length > available)
            {
                error = Fail(SipParseErrorKind.ContentLengthExceedsBody, bodyStart, "Content-Length Exceeds Body", SipHeaderKind.ContentLength);
                return false;
            }

            bodyLength = length;
        }

        return true;
    }

    private readonly SipParseError Fail(SipParseErrorKind kind, int offset, string reason, SipHeaderKind header = default) =>
        new(kind, offset, reason, header, SipCoreHeaders.None, _isRequest);

    private struct StartLine
    {
        public bool IsRequest;
        public Range Method;
        public Range Uri;
        public int StatusCode;
        public Range Reason;
    }
}
