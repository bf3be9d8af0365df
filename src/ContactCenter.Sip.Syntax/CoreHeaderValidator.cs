using ContactCenter.Sip.Syntax.Headers;

namespace ContactCenter.Sip.Syntax;

/// <summary>
/// Checks the core headers of a freshly copied message without allocating (style guide §3): Via, From,
/// To, Call-ID, CSeq, Max-Forwards, Contact, Route, Record-Route. Records which of the headers a
/// response needs were usable, even when something else failed.
/// </summary>
internal ref struct CoreHeaderValidator
{
    private readonly ReadOnlySpan<byte> _buffer;
    private readonly ReadOnlySpan<HeaderEntry> _entries;
    private readonly SipParserLimits _limits;
    private SipParseErrorKind _kind;
    private string _reason;
    private SipHeaderKind _header;
    private int _offset;

    public CoreHeaderValidator(ReadOnlySpan<byte> buffer, ReadOnlySpan<HeaderEntry> entries, in SipParserLimits limits)
    {
        _buffer = buffer;
        _entries = entries;
        _limits = limits;
        _reason = string.Empty;
    }

    public SipCoreHeaders Readable { get; private set; }

    /// <summary>Checks every core header; <paramref name="method"/> is the request method token, or empty for a response.</summary>
    public bool Validate(ReadOnlySpan<byte> method, out SipParseErrorKind kind, out string reason, out SipHeaderKind header, out int offset)
    {
        int vias = 0, from = 0, to = 0, callIds = 0, cseqs = 0, maxForwards = 0, contacts = 0;
        bool viaOk = true, fromOk = true, toOk = true, callIdOk = true, cseqOk = true, wildcard = false;
        foreach (var entry in _entries)
        {
            var value = _buffer.Slice(entry.ValueStart, entry.ValueLength);
            switch (entry.Kind)
            {
                case SipHeaderKind.Via:
                    viaOk &= CheckVias(entry, value, !method.IsEmpty, ref vias);
                    break;
                case SipHeaderKind.From:
                    from++;
                    fromOk &= CheckNameAddress(entry, value, !method.IsEmpty, "Bad From");
                    break;
                case SipHeaderKind.To:
                    to++;
                    toOk &= CheckNameAddress(entry, value, !method.IsEmpty, "Bad To");
                    break;
                case SipHeaderKind.CallId:
                    callIds++;
                    callIdOk &= Check(entry, !value.IsEmpty && !value.ContainsAnyExcept(SipChars.CallId), "Bad Call-ID");
                    break;
                case SipHeaderKind.CSeq:
                    cseqs++;
                    cseqOk &= CheckCSeq(entry, value, method);
                    break;
                case SipHeaderKind.MaxForwards:
                    maxForwards++;
                    Check(entry, SipChars.TryParseInt(value, 255, out _), "Bad Max-Forwards");
                    break;
                case SipHeaderKind.Contact:
                    contacts++;
                    wildcard |= value.Length == 1 && value[0] == SipChars.Star;
                    Check(entry, (value.Length == 1 && value[0] == SipChars.Star) || CheckNameAddresses(value), "Bad Contact");
                    break;
                case SipHeaderKind.Route:
                    Check(entry, CheckNameAddresses(value), "Bad Route");
                    break;
                case SipHeaderKind.RecordRoute:
                    Check(entry, CheckNameAddresses(value), "Bad Record-Route");
                    break;
            }
        }

        // RFC 3261 §8.1.1: Via, From, To, Call-ID and CSeq appear exactly once (Via at least once).
        Readable = (viaOk && Once(vias, SipHeaderKind.Via, "Missing Via", true) ? SipCoreHeaders.Via : 0)
            | (fromOk && Once(from, SipHeaderKind.From, "From") ? SipCoreHeaders.From : 0)
            | (toOk && Once(to, SipHeaderKind.To, "To") ? SipCoreHeaders.To : 0)
            | (callIdOk && Once(callIds, SipHeaderKind.CallId, "Call-ID") ? SipCoreHeaders.CallId : 0)
            | (cseqOk && Once(cseqs, SipHeaderKind.CSeq, "CSeq") ? SipCoreHeaders.CSeq : 0);
        if (maxForwards > 1)
        {
            SetError(SipParseErrorKind.DuplicateHeader, "Duplicate Max-Forwards", SipHeaderKind.MaxForwards, 0);
        }

        if (wildcard && contacts > 1)
        {
            SetError(SipParseErrorKind.BadHeaderValue, "Contact * Must Stand Alone", SipHeaderKind.Contact, 0);
        }

        kind = _kind;
        reason = _reason;
        header = _header;
        offset = _offset;
        return _kind == SipParseErrorKind.None;
    }

    /// <summary>
    /// From or To: well formed, and in a request with at most one tag (RFC 3261 §8.1.1.2-3: the tag names the
    /// dialog; two leave it ambiguous). A second tag fails the request with 400 but leaves the header readable,
    /// so the answer can copy it.
    /// </summary>
    private bool CheckNameAddress(in HeaderEntry entry, ReadOnlySpan<byte> value, bool request, string reason)
    {
        if (!Check(entry, NameAddrParser.TryScan(value, out var parts), reason))
        {
            return false;
        }

        var tags = 0;
        var reader = new ParameterReader(value[parts.Parameters], uri: false);
        while (request && reader.MoveNext())
        {
            tags += System.Text.Ascii.EqualsIgnoreCase(reader.Name, "tag"u8) ? 1 : 0;
        }

        Check(entry, tags <= 1, reason);
        return true;
    }

    private bool CheckVias(in HeaderEntry entry, ReadOnlySpan<byte> value, bool request, ref int count)
    {
        var splitter = new HeaderValueSplitter(value);
        var ok = true;
        while (splitter.MoveNext())
        {
            // Past the limit the message fails, but the Vias are still checked so that the request can be answered
            // (400 Too Many Via Headers, every Via copied) instead of being dropped.
            if (++count == _limits.EffectiveMaxViaCount + 1)
            {
                SetError(SipParseErrorKind.TooManyVias, "Too Many Via Headers", SipHeaderKind.Via, entry.ValueStart);
            }

            var via = splitter.Current;
            var scanned = Check(entry, ViaParser.TryScan(via, out var parts), "Bad Via");
            ok &= scanned;

            // RFC 3261 §8.1.1.7: a request's Via says "SIP/2.0/<transport>". Another protocol or version fails the
            // request (400 Bad Via Protocol), but the Via stays readable so that the answer can copy it.
            if (scanned && request)
            {
                Check(entry, SipChars.EqualsLower(via[parts.ProtocolName], "sip"u8) && via[parts.ProtocolVersion].SequenceEqual("2.0"u8), "Bad Via Protocol");
            }
        }

        return Check(entry, ok && splitter.Balanced && count > 0, "Bad Via");
    }

    private bool CheckCSeq(in HeaderEntry entry, ReadOnlySpan<byte> value, ReadOnlySpan<byte> method)
    {
        if (!Check(entry, CSeqParser.TryScan(value, out _, out var methodRange), "Bad CSeq"))
        {
            return false;
        }

        // RFC 3261 §8.1.1.5: the CSeq method MUST match the request method (RFC 4475 torture test 'mismatch01').
        Check(entry, method.IsEmpty || SipChars.Trim(value)[methodRange].SequenceEqual(method), "CSeq Method Does Not Match");
        return true;
    }

    private static bool CheckNameAddresses(ReadOnlySpan<byte> value)
    {
        var splitter = new HeaderValueSplitter(value);
        var any = false;
        while (splitter.MoveNext())
        {
            any = true;
            if (!NameAddrParser.TryScan(splitter.Current, out _))
            {
                return false;
            }
        }

        return any && splitter.Balanced;
    }

    private bool Once(int count, SipHeaderKind kind, string name, bool atLeastOnce = false)
    {
        if (count == 0)
        {
            SetError(SipParseErrorKind.MissingHeader, atLeastOnce ? name : "Missing " + name, kind, 0);
            return false;
        }

        if (count > 1 && !atLeastOnce)
        {
            SetError(SipParseErrorKind.DuplicateHeader, "Duplicate " + name, kind, 0);
            return false;
        }

        return true;
    }

    private bool Check(in HeaderEntry entry, bool ok, string reason)
    {
        if (!ok)
        {
            SetError(SipParseErrorKind.BadHeaderValue, reason, entry.Kind, entry.ValueStart);
        }

        return ok;
    }

    private void SetError(SipParseErrorKind kind, string reason, SipHeaderKind header, int offset)
    {
        if (_kind == SipParseErrorKind.None)
        {
            (_kind, _reason, _header, _offset) = (kind, reason, header, offset);
        }
    }
}
